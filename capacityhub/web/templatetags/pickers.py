"""`{% capacity_picker_json %}`: the capacity picker's entries (labels, aliases, breadcrumbs in
the reader's language) as a JSON script element, for pages whose view does not pass them."""

from django import template
from django.utils.html import json_script

from capacityhub.web.core.pickers import capacity_picker_data

register = template.Library()


@register.simple_tag
def capacity_picker_json():
    return json_script(capacity_picker_data(), "capacity-picker-data")
