from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Each app declares its searchable kinds in its own `search_kinds` module (one
        # registration per kind); importing them here registers them and connects their
        # signals, so a saved object is reindexed after its transaction commits.
        from django.utils.module_loading import autodiscover_modules

        from search import signals

        autodiscover_modules("search_kinds")
        signals.connect_registered_kinds()
