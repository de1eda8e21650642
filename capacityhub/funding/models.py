"""Budgets by fiscal year, the append-only double-entry ledger and its checkpoints (issue 16).

A `Transaction` is never edited or deleted (the model refuses, the services offer only
`transaction_post` and `transaction_reverse`). Each carries a sequence number, the previous
transaction's hash and its own SHA-256 over its canonical JSON (RFC 8785, see chain.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64
MONEY = {"max_digits": 18, "decimal_places": 2}


def reporting_currency() -> str:
    return getattr(settings, "FUNDING_REPORTING_CURRENCY", "USD")


class Scope(models.TextChoices):
    CENTRALIZED = "centralized", _("Centralized")
    DECENTRALIZED = "decentralized", _("Decentralized")


class TransactionType(models.TextChoices):
    """IATI TransactionType codelist codes (the code is stored, the name shown)."""

    INCOMING_FUNDS = "1", _("Incoming funds")
    OUTGOING_COMMITMENT = "2", _("Outgoing commitment")
    DISBURSEMENT = "3", _("Disbursement")
    EXPENDITURE = "4", _("Expenditure")
    REIMBURSEMENT = "7", _("Reimbursement")
    INCOMING_COMMITMENT = "11", _("Incoming commitment")


NEEDS_DECISION = {TransactionType.OUTGOING_COMMITMENT, TransactionType.DISBURSEMENT}
SPENDING = {
    TransactionType.DISBURSEMENT,
    TransactionType.EXPENDITURE,
    TransactionType.REIMBURSEMENT,
}


class Account(models.TextChoices):
    """A small fixed chart of accounts (accrual basis: a grant is an expense when committed)."""

    CASH = "cash", _("Cash and bank")
    PLEDGES_RECEIVABLE = "pledges_receivable", _("Pledges receivable")
    CONTRIBUTIONS = "contributions", _("Contributions received")
    GRANTS_PAYABLE = "grants_payable", _("Grants payable")
    GRANT_EXPENSE = "grant_expense", _("Grants awarded")
    PROGRAMME_EXPENSE = "programme_expense", _("Programme expenses")


class RecipientKind(models.TextChoices):
    NONE = "", _("None")
    ORGANIZATION = "organization", _("Organization")
    INDIVIDUAL = "individual", _("Individual")


class Budget(models.Model):
    """One fiscal year's budget, in the reporting currency."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), unique=True)
    currency = models.CharField(_("reporting currency"), max_length=3)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def __str__(self) -> str:
        return f"{self.fiscal_year}"

    def get_absolute_url(self) -> str:
        return reverse("web:funding-report") + f"?year={self.fiscal_year}"


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="lines")
    title = models.CharField(_("title"), max_length=200)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    region = models.CharField(_("region"), max_length=8, blank=True)
    programme = models.CharField(_("programme"), max_length=120, blank=True)
    call = models.ForeignKey(
        "review.Call", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A decentralized line may fund one organization (an affiliate's grant): board members
    # tied to it are recused when the board approves the line.
    organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization funded"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    approved_decision = models.ForeignKey(
        "integrity.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["budget", "scope", "region", "programme", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="line_amount_ge0")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        year = self.budget.fiscal_year
        return reverse("web:funding-report") + f"?year={year}#line-{self.pk}"

    def conflict_parties(self):
        """(users, organizations) a decider may be conflicted with (integrity.conflicts): the
        organization funded, and the organization that runs the line's call."""
        organizations = {self.organization_id}
        if self.call_id:
            organizations.add(self.call.owner_organization_id)
        return set(), {pk for pk in organizations if pk}


class AppendOnly(models.Model):
    """Rows that are written once: saving an existing row or deleting one is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Ledger records are never edited; post a reversing transaction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Ledger records are never deleted; post a reversing transaction.")


class Transaction(AppendOnly):
    sequence = models.PositiveBigIntegerField(unique=True)
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)
    type = models.CharField(_("type"), max_length=2, choices=TransactionType.choices)
    value_date = models.DateField(_("date"))
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), db_index=True)
    description = models.CharField(_("description"), max_length=400)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    rate = models.DecimalField(_("rate to the reporting currency"), max_digits=20, decimal_places=8)
    rate_date = models.DateField(_("rate date"))
    rate_source = models.CharField(_("rate source"), max_length=200)
    value = models.DecimalField(_("value in the reporting currency"), **MONEY)
    reporting_currency = models.CharField(max_length=3)
    decision = models.ForeignKey(
        "integrity.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paid_for = models.CharField(_("paid for"), max_length=120, blank=True)
    application = models.ForeignKey(
        "review.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    budget_line = models.ForeignKey(
        BudgetLine, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    region = models.CharField(max_length=8, blank=True)
    programme = models.CharField(max_length=120, blank=True)
    call = models.ForeignKey(
        "review.Call", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_kind = models.CharField(max_length=12, choices=RecipientKind.choices, blank=True)
    recipient_organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A person's id stays out of the public record: the hash covers a salted digest of it.
    recipient_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient_salt = models.CharField(max_length=32, blank=True)
    recipient_digest = models.CharField(max_length=64, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.CharField(_("reason"), max_length=400, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_at = models.DateTimeField()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        permissions = [("post_transaction", "Can post ledger transactions (finance staff)")]
        indexes = [models.Index(fields=["fiscal_year", "type"])]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.get_type_display()} {self.amount} {self.currency}"

    def get_absolute_url(self) -> str:
        return reverse("web:funding-transaction", args=[self.pk])


class Entry(AppendOnly):
    """One side of a transaction, in the reporting currency; debits = credits per transaction."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.CharField(_("account"), max_length=24, choices=Account.choices)
    debit = models.DecimalField(_("debit"), default=0, **MONEY)
    credit = models.DecimalField(_("credit"), default=0, **MONEY)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["transaction", "position"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0) & Q(credit=0)) | (Q(credit__gt=0) & Q(debit=0)),
                name="entry_one_side",
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.debit}/{self.credit}"


class RecipientConsent(models.Model):
    """A person who receives money agrees to be named in the public ledger and its exports;
    without it their name is redacted and their amounts are shown only in aggregate."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_consent"
    )
    public = models.BooleanField(_("show my name on money I receive"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recipient consent")
        verbose_name_plural = _("recipient consents")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.public}"


class LedgerHead(models.Model):
    """One row: the chain's last sequence and hash, locked by every post."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("ledger head")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.hash[:12]}"


class LedgerCheckpoint(models.Model):
    """The latest hash at a moment, the subject of a Decision; a later rewrite of the chain
    no longer matches it."""

    sequence = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)
    decision = models.ForeignKey(
        "integrity.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sequence", "-id"]
        verbose_name = _("ledger checkpoint")
        verbose_name_plural = _("ledger checkpoints")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.hash[:12]}"
