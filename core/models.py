"""Organisations and people shared by every app: regions, municipalities, providers, profiles."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.exceptions import WriteOnceError


class WriteOnceQuerySet(models.QuerySet):
    """Bulk changes of write-once rows are refused like single ones."""

    def update(self, **kwargs):
        raise self.model.write_once_refusal()

    def bulk_update(self, *args, **kwargs):
        raise self.model.write_once_refusal()

    def delete(self):
        raise self.model.write_once_refusal()


class WriteOnceModel(models.Model):
    """A record of what was decided, said, issued or booked: created once, never changed or deleted.

    The model refuses it here; the database refuses it too (core.db.write_once_triggers in a
    migration), so no code path, admin action or hand-typed SQL can change history.
    """

    write_once_message = ""  # the default names the record: "De beschikking is vastgelegd ..."
    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise self.write_once_refusal()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise self.write_once_refusal()

    @classmethod
    def write_once_refusal(cls) -> WriteOnceError:
        return WriteOnceError(
            cls.write_once_message
            or f"De {cls._meta.verbose_name} is vastgelegd en wordt nooit gewijzigd of verwijderd."
        )


class Region(models.Model):
    """A jeugdhulpregio (e.g. Holland Rijnland) within a landsdeel (e.g. Zuid-West)."""

    name = models.CharField("naam", max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    landsdeel = models.CharField("landsdeel", max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "jeugdhulpregio"
        verbose_name_plural = "jeugdhulpregio's"

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    cbs_code = models.CharField("CBS-code", max_length=6, unique=True)
    name = models.CharField("naam", max_length=120)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name="regio"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        constraints = [
            models.CheckConstraint(
                condition=Q(cbs_code__regex=r"^GM[0-9]{4}$"), name="municipality_cbs_code_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Provider(models.Model):
    """A youth-care provider (aanbieder): an organisation, identified by KvK and AGB code."""

    name = models.CharField("naam", max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    kvk_number = models.CharField("KvK-nummer", max_length=8, blank=True)
    agb_code = models.CharField("AGB-code", max_length=8, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="providers",
        null=True,
        blank=True,
        verbose_name="regio",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"
        constraints = [
            models.CheckConstraint(
                condition=Q(kvk_number="") | Q(kvk_number__regex=r"^[0-9]{8}$"),
                name="provider_kvk_format",
            ),
            models.CheckConstraint(
                condition=Q(agb_code="") | Q(agb_code__regex=r"^[0-9]{8}$"),
                name="provider_agb_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """Links a user to the one organisation the role acts for (see core.roles.Role)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name="gemeente"
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, null=True, blank=True, verbose_name="aanbieder"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name="regio"
    )

    class Meta:
        verbose_name = "profiel"
        verbose_name_plural = "profielen"
        constraints = [
            # A user acts for at most one kind of organisation.
            models.CheckConstraint(
                condition=(
                    Q(municipality__isnull=True, provider__isnull=True)
                    | Q(municipality__isnull=True, region__isnull=True)
                    | Q(provider__isnull=True, region__isnull=True)
                ),
                name="profile_at_most_two_links_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"Profiel van {self.user}"


class WorkerHeartbeat(models.Model):
    """When a background worker (django-q2) on a host was last seen alive; /health/ reads it."""

    host = models.CharField(max_length=255, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.host}: {self.seen_at:%Y-%m-%d %H:%M:%S}"


class Organisation(models.Model):
    """An organisation that manages funds: a regional office (TWO Jeugdhulp Holland Rijnland) or a
    coordinating municipality (Rotterdam, for the SPUK of Zuid-West). Everything that belongs to a
    fund belongs to the organisation that manages it; its staff see that and nothing else."""

    class Kind(models.TextChoices):
        OFFICE = "office", "Regionaal bureau"
        MUNICIPALITY = "municipality", "Coördinerende gemeente"

    name = models.CharField("naam", max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="regio",
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="gemeente",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="office", municipality__isnull=True)
                | Q(kind="municipality", municipality__isnull=False),
                name="organisation_kind_matches_link",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person works for an organisation in one role; a person may work for several."""

    class Role(models.TextChoices):
        STAFF = "medewerker", "Medewerker"
        ADMINISTRATOR = "beheerder", "Functioneel beheerder"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="gebruiker",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name="organisatie",
    )
    role = models.CharField("rol", max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["organisation", "user__username"]
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_one_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["medewerker", "beheerder"]), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} bij {self.organisation} ({self.get_role_display()})"


class MembershipEvent(WriteOnceModel):
    """Who added, removed or changed the role of whom in an organisation, and when."""

    class Action(models.TextChoices):
        ADDED = "added", "Toegevoegd"
        ROLE_CHANGED = "role_changed", "Rol gewijzigd"
        REMOVED = "removed", "Verwijderd"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="membership_events"
    )
    at = models.DateTimeField("tijdstip", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="door",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="gebruiker",
    )
    action = models.CharField("wijziging", max_length=20, choices=Action.choices)
    role_before = models.CharField(
        "rol was", max_length=20, blank=True, choices=Membership.Role.choices
    )
    role_after = models.CharField(
        "rol wordt", max_length=20, blank=True, choices=Membership.Role.choices
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "wijziging van een lidmaatschap"
        verbose_name_plural = "wijzigingen van lidmaatschappen"
        constraints = [
            models.CheckConstraint(
                condition=Q(action="added", role_before="") & ~Q(role_after="")
                | Q(action="removed", role_after="") & ~Q(role_before="")
                | Q(action="role_changed")
                & ~Q(role_before="")
                & ~Q(role_after="")
                & ~Q(role_before=F("role_after")),
                name="membership_event_roles_match_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.member_id} in {self.organisation_id}"


class SsoProvider(models.Model):
    """An organisation's own OpenID Connect provider (Entra ID, ADFS, Keycloak): its staff log in
    there instead of with a password here (core.sso). The client secret is kept encrypted
    (core.sso.encrypt_secret); the admin shows only its last characters."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="sso", verbose_name="organisatie"
    )
    enabled = models.BooleanField("aan", default=True)
    issuer = models.URLField(
        "issuer",
        max_length=300,
        help_text="Het adres van de provider; de configuratie komt van "
        "<issuer>/.well-known/openid-configuration.",
    )
    client_id = models.CharField("client-id", max_length=200)
    client_secret_encrypted = models.TextField(editable=False)
    scopes = models.CharField("scopes", max_length=200, default="openid email")
    organisation_claim = models.CharField(
        "claim voor de organisatie",
        max_length=100,
        blank=True,
        help_text="Leeg: niet gecontroleerd. Anders moet deze claim de waarde hieronder hebben "
        "(bevatten), bijvoorbeeld tid voor de tenant van Entra ID.",
    )
    organisation_claim_value = models.CharField("waarde van die claim", max_length=200, blank=True)
    role_claim = models.CharField(
        "claim voor de rol",
        max_length=100,
        blank=True,
        help_text="Leeg: de rol komt alleen van de functioneel beheerder hier. Anders moet deze "
        "claim ook de rol van de gebruiker in de organisatie bevatten (medewerker of beheerder).",
    )

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = "inloggen via de organisatie (OpenID Connect)"
        verbose_name_plural = "inloggen via de organisatie (OpenID Connect)"
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation_claim="", organisation_claim_value="")
                | (~Q(organisation_claim="") & ~Q(organisation_claim_value="")),
                name="sso_provider_organisation_claim_with_value",
            ),
        ]

    def __str__(self) -> str:
        return f"OpenID Connect van {self.organisation}"


class SsoIdentity(models.Model):
    """Who a provider's subject (`sub`) is here: stored at the first login, matched on the next."""

    provider = models.ForeignKey(
        SsoProvider, on_delete=models.CASCADE, related_name="identities", verbose_name="provider"
    )
    subject = models.CharField("subject", max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sso_identities",
        verbose_name="gebruiker",
    )
    first_login_at = models.DateTimeField("eerste keer ingelogd", auto_now_add=True)

    class Meta:
        verbose_name = "identiteit bij de provider van een organisatie"
        verbose_name_plural = "identiteiten bij de provider van een organisatie"
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="sso_identity_subject"),
            models.UniqueConstraint(fields=["provider", "user"], name="sso_identity_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} bij {self.provider.organisation}"
