from django.apps import AppConfig
from django.core import checks


class PeopleConfig(AppConfig):
    name = "privacydesk.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from privacydesk.people.checks import suppression_key

        checks.register(suppression_key, checks.Tags.security, deploy=True)
