from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Customer profiles")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from profiles import checks  # noqa: F401  (registers the deployment check)
        from profiles.models import Product
        from profiles.services import forget_catalogue

        def product_changed(sender: type, instance: Product, **kwargs: object) -> None:
            forget_catalogue(instance.shop_id)

        # weak=False: the receiver is a local function, which a weak reference would lose.
        for signal, uid in ((post_save, "catalogue_saved"), (post_delete, "catalogue_deleted")):
            signal.connect(product_changed, sender=Product, weak=False, dispatch_uid=uid)
