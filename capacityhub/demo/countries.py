"""Countries for the demo community: who lives where, which names they carry, which languages
they speak, and the Wikimedia region each belongs to."""

from dataclasses import dataclass, replace

REGION_ORDER = ("ssa", "lac", "sa", "esea", "mena", "cee", "nwe", "na")
REGION_WEIGHTS = {"ssa": 16, "lac": 15, "sa": 14, "esea": 14, "mena": 11, "cee": 11, "nwe": 12}
REGION_WEIGHTS["na"] = 7
REGION_SHORT = {
    "cee": "CEE",
    "esea": "ESEAP",
    "lac": "Latin America and the Caribbean",
    "mena": "MENA",
    "na": "North America",
    "nwe": "Northern and Western Europe",
    "sa": "South Asia",
    "ssa": "Sub-Saharan Africa",
}
# Languages in which organization names are written out from a template (others use a short
# "Wikimedia <place>" form).
REGION_LINGUA_FRANCA = {"cee": "ru", "lac": "es", "mena": "ar", "ssa": "fr", "nwe": "de"}


# --------------------------------------------------------------------------------------------
# Countries: who lives where, which names they carry, which languages they speak.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Community:
    """A language community inside a country: its names (a Faker locale or a built-in list),
    its native language and some of its cities ("City" or "City@Time/Zone")."""

    names: str
    language: str
    cities: tuple[str, ...]
    weight: int = 1


@dataclass(frozen=True)
class Country:
    code: str
    region: str  # the usual Wikimedia region; data/regions.csv wins when it says otherwise
    zone: str
    second: tuple[str, ...]  # languages often spoken as a second language (besides English)
    communities: tuple[Community, ...]
    weight: int = 2


# One country a line: CODE region weight time-zone second-languages (comma-separated, "-" for
# none); then its language communities, indented: name source (a Faker locale or builtin:KEY),
# native language, weight, cities ("City" or "City@Time/Zone").
COUNTRY_DATA = """
PL cee 2 Europe/Warsaw de
  pl_PL pl 1 Warsaw, Kraków, Wrocław, Gdańsk
UA cee 2 Europe/Kyiv pl,ru
  uk_UA uk 1 Kyiv, Lviv, Kharkiv, Odesa
CZ cee 2 Europe/Prague de,sk
  cs_CZ cs 1 Prague, Brno, Ostrava
HU cee 2 Europe/Budapest de
  hu_HU hu 1 Budapest, Debrecen, Szeged
RO cee 2 Europe/Bucharest fr
  ro_RO ro 1 Bucharest, Cluj-Napoca, Iași
BG cee 1 Europe/Sofia ru
  bg_BG bg 1 Sofia, Plovdiv, Varna
AM cee 2 Asia/Yerevan ru
  hy_AM hy 1 Yerevan, Gyumri, Vanadzor
GE cee 2 Asia/Tbilisi ru
  ka_GE ka 1 Tbilisi, Batumi, Kutaisi
AZ cee 1 Asia/Baku ru,tr
  az_AZ az 1 Baku, Ganja
UZ cee 2 Asia/Tashkent ru
  uz_UZ uz 1 Tashkent, Samarkand, Bukhara
TR cee 2 Europe/Istanbul de
  tr_TR tr 1 Istanbul, Ankara, İzmir
JP esea 2 Asia/Tokyo -
  ja_JP ja 1 Tokyo, Osaka, Kyoto, Sapporo
KR esea 2 Asia/Seoul ja
  ko_KR ko 1 Seoul, Busan, Daejeon
TW esea 2 Asia/Taipei ja
  zh_TW zh 1 Taipei, Kaohsiung, Taichung
ID esea 3 Asia/Jakarta jv
  id_ID id 3 Jakarta, Yogyakarta, Makassar@Asia/Makassar
  id_ID jv 1 Surakarta, Semarang, Malang
  id_ID su 1 Bandung, Bogor
PH esea 2 Asia/Manila -
  builtin:ph tl 1 Manila, Quezon City, Cebu City
VN esea 2 Asia/Ho_Chi_Minh fr
  vi_VN vi 1 Hanoi, Ho Chi Minh City, Huế
TH esea 2 Asia/Bangkok -
  th_TH th 1 Bangkok, Chiang Mai, Khon Kaen
MY esea 2 Asia/Kuala_Lumpur zh,ta
  builtin:my ms 1 Kuala Lumpur, Penang
AU esea 2 Australia/Sydney zh,vi
  en_AU en 1 Sydney, Melbourne@Australia/Melbourne, Perth@Australia/Perth
NZ esea 1 Pacific/Auckland mi
  en_NZ en 1 Auckland, Wellington
MX lac 3 America/Mexico_City -
  es_MX es 1 Mexico City, Guadalajara, Oaxaca, Monterrey@America/Monterrey
BR lac 4 America/Sao_Paulo es
  pt_BR pt 1 São Paulo, Rio de Janeiro, Recife@America/Recife, Manaus@America/Manaus
AR lac 3 America/Argentina/Buenos_Aires pt,it
  es_AR es 1 Buenos Aires, Rosario, Córdoba@America/Argentina/Cordoba
CO lac 3 America/Bogota -
  es_CO es 1 Bogotá, Medellín, Cali
CL lac 2 America/Santiago -
  es_CL es 1 Santiago, Valparaíso, Concepción
PE lac 2 America/Lima qu
  es_CO es 2 Lima, Arequipa
  es_CO qu 1 Cusco, Ayacucho
BO lac 1 America/La_Paz qu,ay
  es_CL es 1 Santa Cruz de la Sierra, Cochabamba
  es_CL ay 1 La Paz, El Alto
PY lac 1 America/Asuncion es
  es_AR gn 1 Asunción, Encarnación
EG mena 3 Africa/Cairo fr
  ar_SA ar 1 Cairo, Alexandria, Giza, Mansoura
JO mena 1 Asia/Amman -
  ar_AA ar 1 Amman, Irbid, Zarqa
PS mena 1 Asia/Hebron -
  ar_PS ar 1 Ramallah, Nablus, Gaza@Asia/Gaza
LB mena 1 Asia/Beirut fr
  ar_AA ar 1 Beirut, Tripoli
MA mena 2 Africa/Casablanca fr
  fr_DZ ar 1 Casablanca, Rabat, Marrakesh, Fez
TN mena 1 Africa/Tunis fr
  fr_DZ ar 1 Tunis, Sfax, Sousse
DZ mena 2 Africa/Algiers fr
  ar_DZ ar 1 Algiers, Oran, Constantine
IR mena 3 Asia/Tehran -
  fa_IR fa 1 Tehran, Isfahan, Shiraz, Tabriz
IL mena 2 Asia/Jerusalem ar,ru
  he_IL he 1 Tel Aviv, Jerusalem, Haifa
US na 6 America/New_York es,fr
  en_US en 5 New York, Chicago@America/Chicago, Denver@America/Denver, Boston
  en_US en 2 San Francisco@America/Los_Angeles, Seattle@America/Los_Angeles
  es_MX es 1 Los Angeles@America/Los_Angeles, Houston@America/Chicago, Miami
CA na 3 America/Toronto fr
  en_CA en 2 Toronto, Vancouver@America/Vancouver, Calgary@America/Edmonton
  fr_CA fr 1 Montréal, Québec
DE nwe 4 Europe/Berlin fr
  de_DE de 1 Berlin, Munich, Hamburg, Cologne
FR nwe 3 Europe/Paris es,de
  fr_FR fr 1 Paris, Lyon, Toulouse, Lille
IT nwe 3 Europe/Rome fr
  it_IT it 1 Rome, Milan, Turin, Bologna
NL nwe 2 Europe/Amsterdam de
  nl_NL nl 1 Amsterdam, Utrecht, Rotterdam
ES nwe 3 Europe/Madrid fr
  es_ES es 2 Madrid, Seville, Valencia
  es_ES ca 1 Barcelona, Girona
  es_ES eu 1 Bilbao, Donostia
PT nwe 2 Europe/Lisbon es
  pt_PT pt 1 Lisbon, Porto, Coimbra
SE nwe 2 Europe/Stockholm -
  sv_SE sv 1 Stockholm, Gothenburg, Malmö
NO nwe 1 Europe/Oslo sv
  no_NO nb 1 Oslo, Bergen, Trondheim
FI nwe 1 Europe/Helsinki sv
  fi_FI fi 1 Helsinki, Tampere, Turku
GB nwe 3 Europe/London fr
  en_GB en 4 London, Manchester, Edinburgh, Bristol
  en_GB cy 1 Cardiff, Aberystwyth
IE nwe 1 Europe/Dublin ga
  ga_IE en 1 Dublin, Cork, Galway
IN sa 8 Asia/Kolkata hi
  hi_IN hi 3 Delhi, Lucknow, Jaipur
  ta_IN ta 2 Chennai, Coimbatore, Madurai
  mr_IN mr 1 Mumbai, Pune, Nagpur
  gu_IN gu 1 Ahmedabad, Surat
  or_IN or 1 Bhubaneswar, Cuttack
  bn_BD bn 1 Kolkata, Siliguri
  en_IN te 1 Hyderabad, Vijayawada
  en_IN ml 1 Kochi, Thiruvananthapuram
  en_IN kn 1 Bengaluru, Mysuru
BD sa 3 Asia/Dhaka -
  bn_BD bn 1 Dhaka, Chittagong, Sylhet, Rajshahi
PK sa 3 Asia/Karachi ur
  en_PK ur 3 Karachi, Lahore, Islamabad
  en_PK pa 1 Faisalabad, Multan
  en_PK ps 1 Peshawar
NP sa 2 Asia/Kathmandu hi
  ne_NP ne 1 Kathmandu, Pokhara, Lalitpur
LK sa 2 Asia/Colombo -
  si_LK si 2 Colombo, Kandy, Galle
  ta_IN ta 1 Jaffna, Batticaloa
NG ssa 6 Africa/Lagos -
  ha_NG ha 2 Kano, Kaduna, Zaria, Sokoto
  yo_NG yo 2 Lagos, Ibadan, Abeokuta
  ig_NG ig 1 Enugu, Owerri, Nsukka
  en_NG en 1 Abuja, Port Harcourt
GH ssa 3 Africa/Accra -
  tw_GH tw 1 Accra, Kumasi, Cape Coast
KE ssa 3 Africa/Nairobi sw
  en_KE sw 1 Nairobi, Mombasa, Kisumu
TZ ssa 2 Africa/Dar_es_Salaam -
  sw sw 1 Dar es Salaam, Arusha, Zanzibar
UG ssa 2 Africa/Kampala sw
  builtin:ug lg 1 Kampala, Entebbe, Jinja
ZA ssa 3 Africa/Johannesburg af
  zu_ZA zu 1 Durban, Johannesburg, Pietermaritzburg
  zu_ZA xh 1 Cape Town, East London, Gqeberha
ET ssa 2 Africa/Addis_Ababa -
  builtin:et am 2 Addis Ababa, Bahir Dar, Gondar
  builtin:et om 1 Adama, Jimma
SN ssa 2 Africa/Dakar fr
  builtin:sn wo 1 Dakar, Saint-Louis, Thiès
CM ssa 1 Africa/Douala -
  builtin:cm fr 1 Yaoundé, Douala, Bamenda
CD ssa 2 Africa/Kinshasa fr
  builtin:cm ln 1 Kinshasa, Mbandaka
  builtin:cm sw 1 Lubumbashi@Africa/Lubumbashi, Goma@Africa/Lubumbashi
CI ssa 1 Africa/Abidjan -
  builtin:sn fr 1 Abidjan, Bouaké
"""


def _parse_countries(text: str) -> tuple[Country, ...]:
    countries: list[Country] = []
    for line in text.strip().splitlines():
        if line.startswith(" "):
            names, language, weight, cities = line.split(maxsplit=3)
            community = Community(names, language, tuple(cities.split(", ")), int(weight))
            last = countries[-1]
            countries[-1] = replace(last, communities=(*last.communities, community))
        else:
            code, region, weight, zone, second = line.split()
            languages = () if second == "-" else tuple(second.split(","))
            countries.append(Country(code, region, zone, languages, (), int(weight)))
    return tuple(countries)


COUNTRIES = _parse_countries(COUNTRY_DATA)
COUNTRY_BY_CODE = {country.code: country for country in COUNTRIES}

# Names for communities Faker has no (or only English) names for.
BUILTIN_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # key: (female first names, male first names, family names)
    "ph": (
        ("Maria", "Angelica", "Kristine", "Jasmine", "Mariel", "Joanna", "Patricia", "Camille"),
        ("Jose", "Mark", "John Paul", "Rafael", "Carlo", "Miguel", "Paolo", "Ramon"),
        ("Santos", "Reyes", "Cruz", "Bautista", "Mendoza", "Dela Cruz", "Villanueva", "Aquino"),
    ),
    "my": (
        ("Nur Aisyah", "Siti Aminah", "Farah", "Nurul", "Mei Ling", "Priya", "Hui Min"),
        ("Ahmad", "Muhammad Hafiz", "Amir", "Wei Jie", "Arjun", "Faizal", "Kok Leong"),
        ("Abdullah", "Rahman", "Ismail", "Tan", "Lim", "Wong", "Kumar", "Osman"),
    ),
    "ug": (
        ("Nakato", "Babirye", "Grace", "Sarah", "Joan", "Prossy", "Winnie", "Esther"),
        ("Okello", "Mukasa", "Denis", "Ivan", "Brian", "Moses", "Ronald", "Isaac"),
        ("Namukasa", "Okello", "Kato", "Ssali", "Nsubuga", "Mugisha", "Atim", "Kiggundu"),
    ),
    "et": (
        ("Tsion", "Hana", "Meron", "Selam", "Mahlet", "Rahel", "Tigist", "Hiwot", "Liya"),
        ("Abebe", "Dawit", "Yonas", "Samuel", "Henok", "Biniam", "Tewodros", "Kaleb", "Yared"),
        ("Bekele", "Alemu", "Tesfaye", "Girma", "Haile", "Kebede", "Tadesse", "Assefa", "Gudina"),
    ),
    "sn": (
        ("Aminata", "Fatou", "Awa", "Mariama", "Khady", "Ndeye", "Astou", "Aïssatou"),
        ("Moussa", "Ousmane", "Mamadou", "Cheikh", "Ibrahima", "Abdoulaye", "Modou", "Lamine"),
        ("Diop", "Ndiaye", "Fall", "Sow", "Sarr", "Ba", "Faye", "Diallo", "Gueye", "Koné"),
    ),
    "cm": (
        ("Chantal", "Grâce", "Nadège", "Esther", "Mireille", "Béatrice", "Josiane", "Laure"),
        ("Jean-Paul", "Emmanuel", "Patrice", "Serge", "Hervé", "Landry", "Christian", "Junior"),
        ("Nkoulou", "Fotso", "Tchamba", "Mbala", "Mukendi", "Ilunga", "Kabongo", "Ngoy", "Ekane"),
    ),
}
FAMILY_NAME_FIRST = {"ja_JP": "", "zh_TW": "", "zh_CN": "", "ko_KR": "", "hu_HU": " ", "vi_VN": " "}
