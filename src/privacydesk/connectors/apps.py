from django.apps import AppConfig


class ConnectorsConfig(AppConfig):
    name = "privacydesk.connectors"
    label = "connectors"
    verbose_name = "Connected systems"

    def ready(self) -> None:
        from django.core import checks

        from privacydesk.connectors import package
        from privacydesk.connectors.checks import connector_keys
        from privacydesk.rights import package as rights_package

        if package.rows_for not in rights_package.CONTRIBUTORS:
            rights_package.CONTRIBUTORS.append(package.rows_for)
        if package.files_for not in rights_package.ATTACHMENTS:
            rights_package.ATTACHMENTS.append(package.files_for)
        checks.register(connector_keys, checks.Tags.security, deploy=True)
