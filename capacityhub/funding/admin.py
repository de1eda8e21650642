"""Staff see budgets and the ledger; ledger rows are append-only (read-only here)."""

from django.contrib import admin

from .models import Budget, BudgetLine, Entry, LedgerCheckpoint, RecipientConsent, Transaction


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ("title", "scope", "region", "programme", "call", "amount", "approved_decision")
    readonly_fields = ("approved_decision",)
    raw_id_fields = ("call",)


@admin.register(Budget)
class BudgetAdmin(ReadOnlyAdmin):
    list_display = ("fiscal_year", "currency", "created_at")
    inlines = [BudgetLineInline]
    readonly_fields = ("currency", "created_by")


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0
    can_delete = False
    readonly_fields = ("account", "debit", "credit", "position")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ("sequence", "type", "value_date", "amount", "currency", "value", "fiscal_year")
    list_filter = ("type", "fiscal_year", "region")
    search_fields = ("description", "paid_for", "hash")
    inlines = [EntryInline]


@admin.register(LedgerCheckpoint)
class LedgerCheckpointAdmin(ReadOnlyAdmin):
    list_display = ("sequence", "hash", "decision", "created_at")


@admin.register(RecipientConsent)
class RecipientConsentAdmin(ReadOnlyAdmin):
    list_display = ("person", "public", "updated_at")
