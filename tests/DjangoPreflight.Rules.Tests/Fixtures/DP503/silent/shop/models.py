from django.db import models


class Bot(models.Model):
    webhook_token = models.CharField(max_length=64, unique=True)


class Project(models.Model):
    ping_key = models.CharField(max_length=64, unique=True)

    def check_for(self, slug):
        return self.check_set.get(slug=slug)


class Check(models.Model):
    project = models.ForeignKey(Project, null=True, on_delete=models.CASCADE)
    code = models.UUIDField(unique=True)
    slug = models.SlugField()
    name = models.CharField(max_length=100)
    last_ping = models.BinaryField(null=True)
    bounced = models.BooleanField(default=False)
