from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One append-only entry of the audit trail.

    There is deliberately no foreign key to the actor or the object: deleting a user or an
    object must never touch (or be blocked by) the trail, and the database refuses UPDATE and
    DELETE on this table anyway. ``hash`` chains each row to the one before it, so an edit made
    by someone who bypassed the database trigger still shows up in ``verify_audit_log``.
    """

    created_at = models.DateTimeField(db_index=True, verbose_name=_("time"))
    actor_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, verbose_name=_("actor id")
    )
    actor_repr = models.CharField(max_length=150, blank=True, verbose_name=_("actor"))
    actor_role = models.CharField(
        max_length=40, blank=True, db_index=True, verbose_name=_("actor's role")
    )
    action = models.CharField(max_length=80, db_index=True, verbose_name=_("action"))
    object_type = models.CharField(
        max_length=100, blank=True, db_index=True, verbose_name=_("object type")
    )
    object_id = models.CharField(
        max_length=64, blank=True, db_index=True, verbose_name=_("object id")
    )
    object_repr = models.CharField(max_length=200, blank=True, verbose_name=_("object"))
    changes = models.JSONField(default=dict, blank=True, verbose_name=_("changes"))
    ip_address = models.GenericIPAddressField(null=True, blank=True, verbose_name=_("IP address"))
    prev_hash = models.CharField(max_length=64, verbose_name=_("previous hash"))
    hash = models.CharField(max_length=64, unique=True, verbose_name=_("hash"))

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-id"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} by {self.actor_repr or 'system'}"


class ChainCheck(models.Model):
    """One run of the hash-chain verification (``verify_audit_log`` or the nightly task).

    Kept apart from the trail itself: a check is a fact about the trail, not an event in it, and
    a failed check must be recordable even when the trail is the thing that is broken.
    """

    started_at = models.DateTimeField(verbose_name=_("started at"))
    finished_at = models.DateTimeField(db_index=True, verbose_name=_("finished at"))
    ok = models.BooleanField(verbose_name=_("chain intact"))
    events_checked = models.PositiveIntegerField(default=0, verbose_name=_("events checked"))
    first_broken_id = models.BigIntegerField(
        null=True, blank=True, verbose_name=_("first broken event")
    )
    detail = models.TextField(blank=True, verbose_name=_("detail"))

    class Meta:
        verbose_name = _("hash chain check")
        verbose_name_plural = _("hash chain checks")
        ordering = ["-finished_at", "-id"]
        get_latest_by = "finished_at"
        default_permissions = ("view",)

    def __str__(self) -> str:
        state = "intact" if self.ok else f"BROKEN at #{self.first_broken_id}"
        return f"{self.finished_at:%Y-%m-%d %H:%M} {state} ({self.events_checked} events)"
