from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organization, User

ROLES = ("is_board_member", "is_information_specialist", "is_course_author")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Staff grant roles here: board member, information specialist, course author."""

    list_display = ("username", "email", "is_staff", *ROLES, "is_active")
    list_filter = ("is_staff", *ROLES, "is_active")
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Capacity Hub roles"), {"fields": ROLES}))


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "region")
    list_filter = ("kind", "region")
    search_fields = ("name", "slug")
    inlines = [MembershipInline]
