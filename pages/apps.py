from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The site's shell: home, static and error pages, the navigation, the admin site and the
    template tags every page loads."""

    name = "pages"
    verbose_name = "Pages"
