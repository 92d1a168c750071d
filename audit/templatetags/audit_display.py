"""How the audit pages show stored values to a reader."""

from django import template

from accounts.roles import role_label as _role_label

register = template.Library()


@register.filter
def role_label(value: str) -> str:
    """``supervisor`` → "Supervisor" / "主管": events store the role's code, readers see the
    role's name."""
    return _role_label(value) if value else ""
