from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "privacydesk.people"
    label = "people"
    verbose_name = "People"
