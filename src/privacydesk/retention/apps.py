from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "privacydesk.retention"
    label = "retention"
    verbose_name = "Retention, disposal and legal holds"

    def ready(self) -> None:
        from privacydesk.connectors import services as connectors
        from privacydesk.retention import holds
        from privacydesk.rights import erasure

        if holds.held_tables not in connectors.HOLDS:
            connectors.HOLDS.append(holds.held_tables)
        if holds.holds_on not in erasure.HOLDS:
            erasure.HOLDS.append(holds.holds_on)
