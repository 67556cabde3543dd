"""The hook that ends a user's API tokens when their password changes."""

from __future__ import annotations

from django.contrib.auth.models import User

from annotations.services.tokens import tokens_revoke_all


class RevokeTokensOnPasswordChange:
    """Listed in AUTH_PASSWORD_VALIDATORS for its `password_changed` hook, not as a rule.

    Django calls every validator's `password_changed` from `AbstractBaseUser.save()` after
    `set_password()`: the back office's password page, the password change and reset views,
    `changepassword`, `add_user`, any code that sets a password and saves. It is not called when
    a login merely upgrades the stored hash, so tokens survive a Django upgrade. Revoking (rather
    than checking a password fingerprint at each request) leaves a visible "revoked" row in the
    user's token list.
    """

    def validate(self, password: str, user: User | None = None) -> None:
        return None

    def get_help_text(self) -> str:
        return "Changing the password revokes every API token of the account."

    def password_changed(self, password: str, user: User | None = None) -> None:
        if user is not None and user.pk is not None:
            tokens_revoke_all(user=user)
