from django.db import models


class Bot(models.Model):
    webhook_token = models.CharField(max_length=64, unique=True)
