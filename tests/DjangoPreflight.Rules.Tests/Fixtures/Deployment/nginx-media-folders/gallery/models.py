from django import forms
from django.db import models
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill


class Member(models.Model):
    avatar = models.ImageField(upload_to="avatars/%Y/")
    avatar_thumb = ImageSpecField(source="avatar", processors=[ResizeToFill(64, 64)], format="PNG")


class Attachment(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE)
    document = models.FileField(upload_to="attachments/")


class AttachmentForm(forms.Form):
    # A form field validates an upload; it stores nothing by itself.
    document = forms.FileField()
