from django_webserver.management.commands.pyuwsgi import Command as PyuwsgiCommand


class Command(PyuwsgiCommand):
    help = "Start the inventory web server."
