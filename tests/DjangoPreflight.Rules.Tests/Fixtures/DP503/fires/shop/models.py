from django.db import models


class Item(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)


class Order(models.Model):
    paid = models.BooleanField(default=False)
