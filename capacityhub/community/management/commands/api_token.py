"""python manage.py api_token USERNAME [--name NAME]: print a new personal API token."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from capacityhub.community.models import User
from capacityhub.community.services import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for a user and print its secret (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(self, *args, username: str, name: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user with the username {username!r}.")
        try:
            _token, secret = api_token_create(user=user, name=name)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError("; ".join(getattr(error, "messages", [str(error)]))) from error
        # Only the secret on stdout, so that scripts can capture it.
        self.stdout.write(secret)
