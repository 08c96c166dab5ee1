"""The HSDS 3.0 shapes of directory records, output only, in one language per request.

Every serializer reads `language` ("sq", "sr_latn" or "en") from its context. HSDS allows no
nulls and checks the format of emails and web addresses, so a field without a value is left
out of the answer rather than sent empty; fields HSDS requires are always there.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

from rest_framework import serializers

from kujdes.directory.hsds import HSDS_VERSION, hsds_uuid, taxonomy_of
from kujdes.directory.models import Funding, Service, ServiceType, TargetGroup, translated

# The ISO 639-1 code of each content language, for HSDS `language` fields.
ISO_639 = {"sq": "sq", "sr_latn": "sr", "en": "en"}


class Link(NamedTuple):
    """A row as one of a record's HSDS objects (a service's language, area or term): the
    object's id and back-reference come from the record."""

    owner: Any
    row: Any


# ── Fields ───────────────────────────────────────────────────────────────────────────────────


class TranslatedField(serializers.CharField):
    """A content text in the request's language, or the Albanian original when missing."""

    def __init__(self, text: str, **kwargs: Any) -> None:
        self.text = text
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]
        text = translated(value, self.text, self.context["language"]).text
        return text if text or self.required else None


class TextOf(serializers.CharField):
    """A text Kujdes derives from the record."""

    def __init__(self, compute: Callable[[Any], str | None], **kwargs: Any) -> None:
        self.compute = compute
        super().__init__(source="*", **kwargs)

    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]
        return self.compute(value)


class IdOf(serializers.UUIDField):
    """An id Kujdes derives (uuid5) for an HSDS object it keeps no row for."""

    def __init__(self, compute: Callable[[Any], Any], **kwargs: Any) -> None:
        self.compute = compute
        super().__init__(source="*", **kwargs)

    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]
        computed = self.compute(value)
        return None if computed is None else str(computed)


class OptionalEmailField(serializers.EmailField):
    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]
        return str(value) if value else None


class OptionalURLField(serializers.URLField):
    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]
        return str(value) if value else None


class OptionalCharField(serializers.CharField):
    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]
        return str(value) if value else None


class CoordinateField(serializers.FloatField):
    def to_representation(self, value: Any) -> float:  # type: ignore[override]
        return float(Decimal(value))


class LinkedList(serializers.ListSerializer):
    """A list of HSDS objects made from the record by `items`."""

    def __init__(self, *, items: Callable[[Any], list[Any]], **kwargs: Any) -> None:
        self.items = items
        super().__init__(source="*", **kwargs)

    def to_representation(self, data: Any) -> list[Any]:
        return super().to_representation(self.items(data))


class HsdsSerializer(serializers.Serializer):
    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        return {name: value for name, value in data.items() if value is not None}


# ── Taxonomies ───────────────────────────────────────────────────────────────────────────────


class TaxonomySerializer(HsdsSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()


def parent_term_id(term: ServiceType | TargetGroup) -> Any:
    if isinstance(term, ServiceType) and term.parent_id is not None:
        assert term.parent is not None
        return term.parent.hsds_id
    return None


class TaxonomyTermSerializer(HsdsSerializer):
    id = serializers.UUIDField(source="hsds_id")
    code = serializers.CharField()
    name = TranslatedField("name")
    # The law that defines the term.
    description = serializers.CharField(source="legal_basis")
    parent_id = IdOf(parent_term_id, required=False)
    taxonomy = TextOf(lambda term: taxonomy_of(term).name)
    taxonomy_id = IdOf(lambda term: taxonomy_of(term).id)
    language = serializers.SerializerMethodField()

    def get_language(self, term: ServiceType | TargetGroup) -> str:
        return ISO_639[translated(term, "name", self.context["language"]).language]


# ── Organizations and locations ──────────────────────────────────────────────────────────────


class OrganizationBriefSerializer(HsdsSerializer):
    """An organization's own fields (HSDS organization_list)."""

    id = serializers.UUIDField()
    name = TranslatedField("name")
    description = TranslatedField("description")
    email = OptionalEmailField(required=False)
    website = OptionalURLField(required=False)
    tax_id = OptionalCharField(source="registration_number", required=False)
    legal_status = serializers.CharField(source="get_kind_display", required=False)


class AddressSerializer(HsdsSerializer):
    """A location's address. Kujdes keeps one per location: the id is derived."""

    id = IdOf(lambda location: hsds_uuid("address", location.pk))
    location_id = serializers.UUIDField(source="id")
    address_1 = serializers.CharField(source="address")
    city = serializers.CharField()
    region = TranslatedField("name", source="area", required=False)
    state_province = TextOf(lambda location: "")
    postal_code = serializers.CharField()
    country = TextOf(lambda location: location.area.path.split("/", 1)[0])
    address_type = TextOf(lambda location: "physical")


class LocationBriefSerializer(HsdsSerializer):
    """A location's own fields, as in HSDS service_at_location_list."""

    id = serializers.UUIDField()
    location_type = TextOf(lambda location: "physical")
    organization_id = serializers.UUIDField()
    name = TranslatedField("name")
    latitude = CoordinateField(required=False)
    longitude = CoordinateField(required=False)


class LocationSerializer(LocationBriefSerializer):
    addresses = LinkedList(
        child=AddressSerializer(),
        items=lambda location: [location] if location.address or location.city else [],
    )


# ── Services ─────────────────────────────────────────────────────────────────────────────────


class LanguageSerializer(HsdsSerializer):
    id = IdOf(lambda link: hsds_uuid("language", link.owner.pk, link.row.code))
    name = TranslatedField("name", source="row")
    code = serializers.CharField(source="row.code")


class PhoneSerializer(HsdsSerializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    number = serializers.CharField()
    type = TextOf(lambda phone: "voice")
    description = TranslatedField("description", required=False)
    languages = LinkedList(
        child=LanguageSerializer(),
        items=lambda phone: [Link(phone, language) for language in phone.languages.all()],
    )


class ScheduleSerializer(HsdsSerializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    freq = TextOf(lambda hours: "WEEKLY")
    byday = serializers.CharField(source="weekdays")
    opens_at = serializers.TimeField()
    closes_at = serializers.TimeField()


class ServiceAreaSerializer(HsdsSerializer):
    id = IdOf(lambda link: hsds_uuid("service_area", link.owner.pk, link.row.code))
    service_id = serializers.UUIDField(source="owner.pk")
    name = TranslatedField("name", source="row")


def funding_source(funding: Funding) -> str:
    """ "municipal budget 2024: 1,200,000 ALL", with the funder in brackets when named."""
    amount = funding.amount
    shown = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    funder = f" ({funding.funder})" if funding.funder else ""
    source = funding.get_source_display()
    return f"{source} {funding.year}{funder}: {shown} {funding.currency}"


class FundingSerializer(HsdsSerializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    source = TextOf(funding_source)  # type: ignore[assignment]


class AttributeSerializer(HsdsSerializer):
    """A service's service type or target group, as a link to the taxonomy term."""

    id = IdOf(lambda link: hsds_uuid("attribute", link.owner.pk, link.row.hsds_id))
    link_id = serializers.UUIDField(source="owner.pk")
    link_type = TextOf(
        lambda link: "service_type" if isinstance(link.row, ServiceType) else "target_group"
    )
    link_entity = TextOf(lambda link: "service")
    taxonomy_term_id = serializers.UUIDField(source="row.hsds_id")
    taxonomy_term = TaxonomyTermSerializer(source="row")


class ServiceBriefSerializer(HsdsSerializer):
    """A service's own fields and its organization (HSDS service_list)."""

    id = serializers.UUIDField()
    organization_id = serializers.UUIDField()
    name = TranslatedField("name")
    description = TranslatedField("description", required=False)
    url = OptionalURLField(required=False)
    email = OptionalEmailField(required=False)
    status = serializers.ChoiceField(choices=Service.Status.values)
    application_process = TranslatedField("application_process", required=False)
    fees_description = TranslatedField("fees", required=False)
    eligibility_description = TranslatedField("eligibility", required=False)
    minimum_age = serializers.IntegerField(required=False)
    maximum_age = serializers.IntegerField(required=False)
    last_modified = serializers.DateTimeField(source="updated_at")
    organization = OrganizationBriefSerializer()


class ServiceAtLocationInServiceSerializer(HsdsSerializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    location_id = serializers.UUIDField()
    location = LocationSerializer()


def _attributes(service: Service) -> list[Link]:
    terms: list[ServiceType | TargetGroup] = []
    if service.service_type is not None:
        terms.append(service.service_type)
    terms += service.target_groups.all()
    return [Link(service, term) for term in terms]


class ServiceSerializer(ServiceBriefSerializer):
    """A service with everything HSDS nests in it; confidential locations (shelters) are left
    out of its service_at_locations."""

    phones = PhoneSerializer(many=True, source="phones.all")
    schedules = ScheduleSerializer(many=True, source="schedules.all")
    service_areas = LinkedList(
        child=ServiceAreaSerializer(),
        items=lambda service: [Link(service, area) for area in service.areas_served.all()],
    )
    service_at_locations = ServiceAtLocationInServiceSerializer(
        many=True, source="public_at_locations"
    )
    languages = LinkedList(
        child=LanguageSerializer(),
        items=lambda service: [Link(service, language) for language in service.languages.all()],
    )
    funding = FundingSerializer(many=True, source="funding.all")
    attributes = LinkedList(child=AttributeSerializer(), items=_attributes)


class OrganizationSerializer(OrganizationBriefSerializer):
    """An organization with its locations, except confidential ones, and its services (their
    own fields)."""

    locations = LocationSerializer(many=True, source="public_locations")
    services = ServiceBriefSerializer(many=True, source="listed_services")


class OrganizationWithServicesSerializer(OrganizationBriefSerializer):
    """An organization with its locations, except confidential ones, and its services in
    full."""

    locations = LocationSerializer(many=True, source="public_locations")
    services = ServiceSerializer(many=True, source="listed_services")


# ── Services at locations ────────────────────────────────────────────────────────────────────


class ServiceAtLocationBriefSerializer(HsdsSerializer):
    """HSDS service_at_location_list: the link with the service's and location's own fields."""

    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    location_id = serializers.UUIDField()
    location = LocationBriefSerializer()
    service = ServiceBriefSerializer()


class ServiceAtLocationSerializer(ServiceAtLocationBriefSerializer):
    """A service at a location with the location and the service in full."""

    location = LocationSerializer()
    service = ServiceSerializer()


# ── Pages and the API's description ──────────────────────────────────────────────────────────


class PageSerializer(serializers.Serializer):
    total_items = serializers.IntegerField(help_text="Count of total results.")
    total_pages = serializers.IntegerField(help_text="Count of total pages.")
    page_number = serializers.IntegerField(help_text="Current page number.")
    size = serializers.IntegerField(help_text="Size of current page.")
    first_page = serializers.BooleanField(help_text="Is this page the first page.")
    last_page = serializers.BooleanField(help_text="Is this page the last page.")
    empty = serializers.BooleanField(help_text="Is this page empty.")


class ServicePageSerializer(PageSerializer):
    contents = ServiceBriefSerializer(many=True)


class OrganizationPageSerializer(PageSerializer):
    contents = OrganizationBriefSerializer(many=True)


class ServiceAtLocationPageSerializer(PageSerializer):
    contents = ServiceAtLocationBriefSerializer(many=True)


class LocationPageSerializer(PageSerializer):
    contents = LocationSerializer(many=True)


class TaxonomyPageSerializer(PageSerializer):
    contents = TaxonomySerializer(many=True)


class TaxonomyTermPageSerializer(PageSerializer):
    contents = TaxonomyTermSerializer(many=True)


class ApiDescriptionSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="HSDS version of this API.", default=HSDS_VERSION)
    openapi_url = serializers.URLField(help_text="The OpenAPI document of this API.")
