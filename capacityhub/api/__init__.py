from ninja import NinjaAPI

api = NinjaAPI(title="Capacity Hub API", version="1", urls_namespace="api-1")
