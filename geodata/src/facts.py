# -*- coding: utf-8 -*-
"""Authored source tables for Corridor's bundled geodata.

This module IS the authored source: a transcription of /work/shared/geodata-facts.md
(sections referenced as §n) plus a few clearly marked DERIVED sea/routing waypoints chosen
by the data engineer so that sea lanes stay at sea. scripts/build_geodata.sh turns it into
the GeoJSON layers in geodata/.

Conventions
- Coordinates are WGS84 lon, lat (GeoJSON order).
- source: semicolon-separated ids, every id must resolve in geodata/SOURCES.md
  (the build fails otherwise). "derived" = chosen/computed here, see geodata/README.md.
- confidence: H / M / L as defined in the fact sheet.
- approx: True when the point or line is a routing aid, derived from text, or schematic.
- name_fa / name_ru / name_az / name_ar: the fact sheet gives no script names except where noted;
  the endonyms below were added by the data engineer as well-known standard spellings
  (field names_basis says so on each feature).
"""

# --------------------------------------------------------------------------------------------
# §1 INSTC nodes
# --------------------------------------------------------------------------------------------
# (id, name, lon, lat, kind, country, role, notes, source, confidence, approx, endonyms)
NODES = [
    ("n01", "Jawaharlal Nehru Port (JNPT / Nhava Sheva), Navi Mumbai", 72.950, 18.950, "seaport", "IND",
     "south terminus (sea leg)",
     "opened 26 May 1989; WP infobox 18°57′N 72°57′E; nl-WP gives 18.940, 72.950", "S41", "H", False, {}),
    ("n02", "Mumbai", 72.883, 19.073, "city", "IND", "corridor terminus in most descriptions",
     "GeoNames city centre", "GN", "H", False, {}),
    ("n03", "Shahid Rajaee Port, Bandar Abbas", 56.070, 27.110, "seaport", "IRN", "INSTC sea/rail transfer port",
     "APPROX: described as 23 km west of Bandar Abbas (ILNA, IRNA); no official coordinate found. The sheet's "
     "56.060, 27.100 lies in the water of the port basin; moved 1.5 km NE onto the GSHHG shoreline at the quays",
     "S42;derived", "L", True, {"fa": "بندر شهید رجایی"}),
    ("n04", "Bandar Abbas", 56.266, 27.197, "city", "IRN", "city and rail terminus",
     "Bafq–Bandar Abbas line (626 km) opened 1995. The GN point 56.281, 27.187 lies in the sea of the Natural "
     "Earth coast (1 km off); moved 1.8 km WNW into the city on land (WP 27°11′N 56°16′E), 2 km from the GSHHG "
     "shore and on land in Natural Earth too", "GN;S80;derived", "H", False, {"fa": "بندرعباس"}),
    ("n05", "Tehran", 51.422, 35.694, "city", "IRN", "rail hub", "", "GN", "H", False, {"fa": "تهران"}),
    ("n06", "Qazvin", 50.004, 36.269, "city", "IRN", "start of the Qazvin–Rasht railway", "", "GN;S30", "H", False,
     {"fa": "قزوین"}),
    ("n07", "Rasht", 49.589, 37.276, "city", "IRN",
     "junction for Qazvin–Rasht, Rasht–Caspian and the planned Rasht–Astara line", "", "GN", "H", False,
     {"fa": "رشت"}),
    ("n08", "Astara (Iran)", 48.870, 38.431, "border", "IRN", "border town; end of planned Rasht–Astara",
     "rail reached it from AZ in 2018 (1520 mm); AZ-built terminal due Q1 2026", "GN;S28;S35", "H", False,
     {"fa": "آستارا"}),
    ("n09", "Astara (Azerbaijan)", 48.862, 38.446, "border", "AZE", "border town and rail station",
     "GN 48.875, 38.456 and WP 48.8786, 38.4561 lie on the shoreline (in the sea of the Natural Earth coast); "
     "moved 1.6 km SW inland towards the railway station, 2 km from the GSHHG shore", "GN;S37;derived", "H",
     False, {"az": "Astara"}),
    ("n10", "Baku", 49.892, 40.378, "city", "AZE", "capital and rail hub", "", "GN", "H", False, {"az": "Bakı"}),
    ("n11", "Baku International Sea Trade Port (Alat)", 49.421, 39.938, "seaport", "AZE",
     "Caspian port: ferries and ro-ro to Aktau and Turkmenbashi, rail to Georgia, Russia and Iran",
     "The port moved from Baku Bay to Alat, about 65–70 km SW of Baku; the Alat complex opened 14 May 2018 "
     "(President Aliyev). Point placed on the GSHHG shoreline of the Alat coast S of Alat settlement (APPROX: no "
     "published quay coordinate in the sources). The old Baku Bay port (city centre) is not drawn. The earlier "
     "point (WP old revision, 49.526, 40.234) was 4 km inland and matched neither port",
     "S79;S82;derived", "M", True, {"az": "Bakı Beynəlxalq Dəniz Ticarət Limanı"}),
    ("n12", "Yalama", 48.578, 41.759, "border", "AZE",
     "rail station and village at the RU border (Samur–Yalama crossing)", "ru-WP 41°45′31″N 48°34′40″E",
     "S36;S81", "M", False, {"az": "Yalama", "ru": "Ялама"}),
    ("n13", "Samur (Dagestan)", 48.486, 41.825, "border", "RUS", "RU border village",
     "a new \"Samur-2\" border station is planned", "GN;S81", "M", False, {"ru": "Самур"}),
    ("n14", "Derbent", 48.288, 42.066, "border", "RUS", "rail border checkpoint on the RU side (per RIA Dagestan)",
     "", "GN;S81", "H", False, {"ru": "Дербент"}),
    ("n15", "Makhachkala", 47.510, 42.975, "seaport", "RUS", "Caspian port and rail node",
     "point at the city's port (GN city point 47.500, 42.978 moved 0.8 km SE to lie on land by GSHHG)",
     "GN", "H", False, {"ru": "Махачкала"}),
    ("n16", "Astrakhan", 48.041, 46.350, "river port", "RUS", "Volga/Caspian port (on the Volga)", "point is the city", "GN", "H",
     False, {"ru": "Астрахань"}),
    ("n17", "Solyanka (Astrakhan Oblast)", 48.018, 46.389, "terminal", "RUS",
     "locality of the Iranian–Russian Solyanka terminal", "the first 2022 shipment left from here", "GN;S10", "M",
     False, {"ru": "Солянка"}),
    ("n18", "Olya (port)", 47.534, 45.785, "river port", "RUS", "Caspian sea port on the Bakhtemir (Volga arm)",
     "about 120 km SW of Astrakhan; 55 km rail spur from 2004", "S38", "H", False, {"ru": "Оля"}),
    ("n19", "Moscow", 37.618, 55.752, "city", "RUS", "rail hub", "", "GN", "H", False, {"ru": "Москва"}),
    ("n20", "Saint Petersburg", 30.314, 59.939, "city", "RUS", "north terminus",
     "\"St Petersburg–Mumbai 7,200 km\"", "GN;S9", "H", False, {"ru": "Санкт-Петербург"}),
    ("n21", "Bandar Anzali", 49.462, 37.483, "seaport", "IRN", "Caspian port",
     "globalsecurity gives 49.463, 37.468; the GN town point 49.458, 37.473 is 1.5 km from the GSHHG shore, "
     "so the node is placed at the port, 1.1 km N of it. The new "
     "Caspian Port (Anzali Free Zone) is n32", "GN;S40", "H", False, {"fa": "بندر انزلی"}),
    ("n22", "Amirabad port", 53.372, 36.864, "seaport", "IRN",
     "Caspian port; the only N-Iranian port on the rail network",
     "APPROX: the port is \"about 34 km NE of Sari\" (S39); the GN village \"Amīrābād\" (53.349, 36.793) is 7–8 km "
     "inland, so the point was moved N to the GSHHG shoreline (0.5 km)", "GN;S39;derived", "M", True,
     {"fa": "امیرآباد"}),
    ("n23", "Nowshahr", 51.498, 36.658, "seaport", "IRN", "Caspian port town",
     "point at the harbour (the GN city point 51.496, 36.649 is 0.8 km inland, 1.5 km from the Natural Earth "
     "coast)", "GN;derived", "H", False,
     {"fa": "نوشهر"}),
    ("n24", "Chabahar", 60.630, 25.305, "seaport", "IRN", "oceanic port (Shahid Beheshti terminal)",
     "Shahid Beheshti terminal: India (IPGL) signed a 10-year contract on 13 May 2024 (about $120m capex plus a "
     "$250m credit line). US sanctions exception (IFCA, 2018) revoked with effect from 29 Sep 2025; India then "
     "received a six-month waiver, to about 26 Apr 2026 (MEA, Oct 2025). The GN city point 60.643, 25.292 lies "
     "in the bay by GSHHG; moved 1.9 km NW onto the shore by the port", "GN;S43;S88;S89;derived", "H", False,
     {"fa": "چابهار"}),
    ("n25", "Zhanaozen (Uzen)", 52.862, 43.341, "rail station", "KAZ", "start of the eastern branch",
     "Uzen–Bolashak is 146 km (KZ section)", "GN;S16", "H", False, {"ru": "Жанаозен"}),
    ("n26", "Bereket (ex-Gazanjyk)", 55.515, 39.245, "rail station", "TKM", "junction with the Trans-Caspian line",
     "", "GN;S14", "H", False, {"ru": "Берекет"}),
    ("n27", "Etrek", 54.764, 37.662, "rail station", "TKM", "eastern branch, near the IR border", "", "GN;S13", "H",
     False, {"ru": "Этрек"}),
    ("n28", "Gorgan", 54.444, 36.843, "city", "IRN", "joins the Iranian network; eastern branch terminus", "",
     "GN;S13", "H", False, {"fa": "گرگان"}),
    ("n29", "Sarakhs", 61.158, 36.545, "border", "IRN",
     "border entry of the first RZD container train, 12 Jul 2022", "", "GN;S11", "H", False, {"fa": "سرخس"}),
    ("n30", "Aktau", 51.140, 43.640, "seaport", "KAZ", "Caspian port on the trans-Caspian/eastern options",
     "the GN city point 51.174, 43.661 is 4 km inland; moved to the shore of the port (GSHHG)", "GN;derived", "H",
     False, {"ru": "Актау"}),
    # nodes added in the second pass (issue 10)
    ("n31", "Turkmenbashi International Seaport", 52.975, 39.985, "seaport", "TKM",
     "Caspian port: ferries and ro-ro to Alat (Baku) and Aktau; start of the Trans-Caspian railway",
     "opened 2 May 2018 (President Berdimuhamedov). APPROX: placed on the GSHHG shoreline S of Turkmenbashi "
     "city; no published quay coordinate", "S83;derived", "M", True, {"ru": "Туркменбаши"}),
    ("n32", "Caspian Port (Anzali Free Zone)", 49.262, 37.550, "seaport", "IRN",
     "Caspian port in the Anzali Free Zone, W of Bandar Anzali; end of the Rasht–Caspian railway (2024)",
     "APPROX (confidence L): no coordinate was found in the sources; placed on the open Caspian shore W of "
     "Bandar Anzali, beyond the W end of the Anzali lagoon (the Free Zone's Kapourchal area, as understood by the "
     "data engineer), 0.5 km inland of the GSHHG shoreline. An earlier pass put it on the lagoon's S shore, "
     "which is no seaport", "S32;derived", "L", True, {"fa": "بندر کاسپین"}),
    ("n33", "Chekhov (Moscow Oblast)", 37.465, 55.143, "rail station", "RUS",
     "departure of the first RZD container train to Iran, 6 Jul 2022",
     "town centre (from the data engineer's gazetteer knowledge, ±2 km; not read from the GN file)",
     "S11;derived", "M", True, {"ru": "Чехов"}),
    ("n34", "Mashhad", 59.606, 36.297, "city", "IRN", "rail hub: Sarakhs–Mashhad and Mashhad–Bafq lines",
     "city centre (data engineer's gazetteer knowledge, ±2 km)", "S84;derived", "H", True, {"fa": "مشهد"}),
    ("n35", "Bolashak (KZ border station)", 53.530, 42.310, "border", "KAZ",
     "Kazakh border station of the Uzen–Bereket–Gorgan (KTI) line; crossing opened 11 May 2013",
     "APPROX (confidence L): no coordinate found; placed on the drawn line 3.5 km N of where it crosses the "
     "KZ–TM border of the basemap", "S16;derived", "L", True, {"ru": "Болашак"}),
    ("n36", "Serhetyaka (TM border station)", 53.570, 42.250, "border", "TKM",
     "Turkmen border station facing Bolashak", "APPROX (confidence L): placed 3.5 km S of the border on the "
     "drawn line", "S16;derived", "L", True, {"ru": "Серхетяка"}),
    ("n37", "Akyayla (TM border station)", 54.700, 37.495, "border", "TKM",
     "Turkmen border station of the KTI line facing Iran", "APPROX (confidence L): no coordinate found; placed "
     "on the drawn line 3.5 km N of the TM–IR border of the basemap (the Atrek)", "S17;derived", "L", True,
     {"ru": "Акяйла"}),
    ("n38", "Incheh Borun (IR border station)", 54.673, 37.432, "border", "IRN",
     "Iranian border station of the KTI line", "APPROX (confidence L): placed 3.5 km S of the border on the "
     "drawn line", "S17;derived", "L", True, {"fa": "اینچه‌برون"}),
]

# Waypoints named in §2 that are not §1 nodes.  (key: (name, lon, lat, source, approx))
WP = {
    "hormuz": ("Strait of Hormuz", 56.5, 26.6, "S77", False),
    "bafq": ("Bafq", 55.402, 31.604, "GN", True),
    "yazd": ("Yazd", 54.368, 31.897, "GN", True),
    "meybod": ("Meybod", 54.017, 32.250, "GN", True),
    "ardakan": ("Ardakan", 54.017, 32.310, "GN", True),
    "nain": ("Nain", 53.087, 32.860, "GN", True),
    "kashan": ("Kashan", 51.428, 33.982, "GN", True),
    "qom": ("Qom", 50.876, 34.640, "GN", True),
    "lankaran": ("Lankaran", 48.851, 38.754, "GN", True),
    "shirvan": ("Shirvan", 48.929, 39.938, "GN", True),
    "siyazan": ("Siyazan", 49.116, 41.078, "GN", True),
    "khachmaz": ("Khachmaz", 48.806, 41.464, "GN", True),
    "aden": ("Aden", 45.039, 12.780, "GN", True),
    "babelmandeb": ("Bab-el-Mandeb", 43.333, 12.583, "S77", False),
    "suez": ("Suez", 32.526, 29.974, "GN", False),
    "portsaid": ("Port Said", 32.302, 31.265, "GN", False),
    "sicily": ("Strait of Sicily", 11.20, 37.20, "S77", False),
    "gibraltar": ("Strait of Gibraltar", -5.483, 35.967, "S77", False),
    "brest": ("Brest (routing aid)", -4.486, 48.390, "GN", True),
    "dover": ("Strait of Dover", 1.477, 51.021, "S77", False),
    "skagen": ("Skagen (routing aid)", 10.584, 57.721, "GN", True),
    "greatbelt": ("Great Belt", 11.000, 55.333, "S77", False),
    "ronne": ("Rønne/Bornholm (routing aid)", 14.707, 55.101, "GN", True),
    "hanko": ("Hanko (routing aid)", 22.950, 59.833, "GN", True),
    # §4 Qazvin–Rasht stations, §3 Rasht–Astara towns are in STATIONS below.
    # §6b pipeline points
    "mozdok": ("Mozdok", 44.652, 43.740, "S59", True),
    "hajigabul": ("Hajigabul (ex-Kazi Magomed)", 48.943, 40.039, "S59;S60", True),
    # IGAT-1 (second pass): Bid Boland refinery and the towns the line passes (NIGC; S92). Town centres from the
    # data engineer's gazetteer knowledge (±3 km); Bid Boland is APPROX: "between Aghajari and Behbahan".
    "bidboland": ("Bid Boland gas refinery (APPROX, between Aghajari and Behbahan)", 50.100, 30.570, "S92", True),
    "esfahan": ("Esfahan", 51.668, 32.655, "S92", True),
    "kashan_g": ("Kashan", 51.436, 33.985, "S92", True),
    "saveh": ("Saveh", 50.357, 35.021, "S92", True),
    "qazvin_g": ("Qazvin", 50.004, 36.269, "S92", True),
    # r08 (second pass): the rail path of the July 2022 train, through towns on the lines it used. The Russian and
    # Kazakh path is not given by the sources (S11, S85 say only Chekhov → Kazakhstan → Turkmenistan → Sarakhs):
    # drawn through Volgograd, Astrakhan, Atyrau and Beyneu, the usual rail route to the Bolashak crossing.
    "tula": ("Tula", 37.617, 54.193, "derived", True),
    "yelets": ("Yelets", 38.500, 52.620, "derived", True),
    "gryazi": ("Gryazi", 39.950, 52.490, "derived", True),
    "povorino": ("Povorino", 42.250, 51.190, "derived", True),
    "frolovo": ("Frolovo", 43.650, 49.770, "derived", True),
    "volgograd": ("Volgograd", 44.516, 48.708, "derived", True),
    "akhtubinsk": ("Akhtubinsk", 46.170, 48.280, "derived", True),
    "baskunchak": ("Verkhny Baskunchak", 46.720, 48.220, "derived", True),
    "aksaraisk": ("Aksaraiskaya", 48.000, 46.780, "derived", True),
    "ganyushkino": ("Ganyushkino (RU–KZ border)", 49.180, 46.610, "derived", True),
    "atyrau": ("Atyrau", 51.920, 47.110, "derived", True),
    "kulsary": ("Kulsary", 53.990, 46.950, "derived", True),
    "beyneu": ("Beyneu", 55.200, 45.320, "derived", True),
    "shetpe": ("Shetpe", 52.120, 44.170, "derived", True),
    "mangyshlak": ("Mangyshlak station (near Aktau)", 51.500, 43.720, "derived", True),
    "serdar": ("Serdar (ex-Gyzylarbat)", 56.280, 38.980, "derived", True),
    "ashgabat": ("Ashgabat", 58.383, 37.950, "derived", True),
    "tejen": ("Tejen", 60.500, 37.380, "S84;derived", True),
    "tejen_s": ("Tejen valley, W of the Tejen reservoirs (routing aid)", 60.720, 36.950, "derived", True),
    "saragt": ("Saragt (TM)", 61.200, 36.530, "S84;derived", True),
    "mazdavand": ("Mazdavand", 60.520, 36.150, "S84;derived", True),
    "fariman": ("Fariman", 59.850, 35.700, "S84;derived", True),
    "torbat": ("Torbat-e Heydarieh", 59.220, 35.270, "S84;derived", True),
    "kashmar": ("Kashmar", 58.460, 35.240, "S84;derived", True),
    "bardaskan": ("Bardaskan", 57.970, 35.260, "S84;derived", True),
    "tabas": ("Tabas", 56.920, 33.600, "S84;derived", True),
    "behabad": ("Behabad", 56.020, 31.870, "S84;derived", True),
    "sirjan": ("Sirjan (Golgohar)", 55.680, 29.450, "S80;derived", True),
    "hajiabad": ("Hajiabad", 55.900, 28.310, "S80;derived", True),
    # Chabahar–Zahedan railway (S90): towns on the published route
    "nikshahr": ("Nikshahr", 60.220, 26.230, "S90;derived", True),
    "iranshahr_r": ("Iranshahr", 60.685, 27.202, "S90", True),
    "khash": ("Khash", 61.210, 28.220, "S90;derived", True),
    "zahedan": ("Zahedan", 60.862, 29.496, "S90;derived", True),
    # Nord Stream landfalls (second pass)
    "portovaya": ("Portovaya Bay (Portovaya compressor station, landfall)", 28.075, 60.535, "S71;derived", True),
    "narva_bay": ("Narva Bay, Kurgalsky peninsula (Nord Stream 2 landfall)", 28.012, 59.688, "S86;derived", True),
    "asaluyeh": ("Asaluyeh (GN point moved 0.8 km inland)", 52.615, 27.478, "GN;S66", False),
    "iranshahr": ("Iranshahr", 60.685, 27.202, "S66", False),
    "ipborder": ("Iran–Pakistan border, IP zero point (APPROX: on the basemap's WDBII border 9 km N of Gwadar "
                 "Bay; the sheet's Jiwani point lies in Pakistan)", 61.640, 25.285, "S66;S69;S140;derived", True),
    "gwadar": ("Gwadar", 62.325, 25.122, "S68;S69", False),
    "pasni": ("Pasni", 63.469, 25.263, "S69;S70", True),
    "ormara": ("Ormara", 64.636, 25.210, "S69;S70", True),
    "uthal": ("Uthal (Lasbela)", 66.620, 25.810, "S69;derived", True),
    "sehwan": ("Sehwan area (W of the Indus; routing aid)", 67.700, 26.300, "S69;derived", True),
    "nawabshah": ("Nawabshah", 68.404, 26.239, "S69;S70", False),
    "visby": ("E of Gotland (Visby reference lies W of the line)", 18.296, 57.641, "S71", True),
    "lubmin": ("Lubmin", 13.617, 54.135, "S71", False),
}

# DERIVED sea waypoints chosen here so that sea lanes and offshore pipelines stay at sea in the
# Natural Earth 10m land polygons.  Every one is approx=True, source "derived".
# Land routing aids of the sheet (Aden, Brest, Skagen, Rønne, Hanko) are on land; the lanes pass offshore
# of them through the derived points below, and the routing aid names are kept in the `via` text.
DERIVED = {
    "jnpt_app": (72.86, 18.90, "Mumbai harbour (approach to JNPT)"),
    "mumbai_mouth": (72.84, 18.84, "Mumbai harbour mouth"),
    "mumbai_off": (72.70, 18.85, "off Mumbai"),
    "arab_sea": (66.0, 22.3, "Arabian Sea"),
    "gulf_oman": (58.8, 25.0, "Gulf of Oman, off Jask"),
    "gulf_oman_w": (57.0, 25.6, "western Gulf of Oman"),
    "hormuz_e": (56.75, 26.35, "Strait of Hormuz, eastern approach"),
    "larak_e": (56.47, 26.85, "Strait of Hormuz, E of Larak"),
    "qeshm_ne": (56.33, 27.04, "NE of Qeshm"),
    "rajaee_app": (56.10, 27.035, "approach to Shahid Rajaee port (Clarence Strait, E end)"),
    "socotra_n": (54.0, 14.5, "Gulf of Aden approach, N of Socotra"),
    "off_aden": (45.0, 12.45, "off Aden (Gulf of Aden)"),
    "bab_s": (43.48, 12.45, "Bab-el-Mandeb, southern approach"),
    "hanish_e": (42.95, 13.9, "southern Red Sea, E of the Zubair islands"),
    "red_s": (42.0, 15.2, "southern Red Sea"),
    "red_n": (35.2, 26.4, "northern Red Sea"),
    "shadwan_s": (33.95, 27.35, "S of Shadwan island"),
    "gubal": (33.78, 27.58, "Strait of Gubal (Gulf of Suez entrance)"),
    "gos1": (33.55, 28.05, "Gulf of Suez"),
    "gos2": (33.20, 28.50, "Gulf of Suez"),
    "gos3": (32.90, 29.00, "Gulf of Suez"),
    "gos4": (32.60, 29.55, "Gulf of Suez, N"),
    "canal_bitter": (32.40, 30.30, "Suez Canal, Great Bitter Lake"),
    "canal_ismailia": (32.30, 30.58, "Suez Canal, Lake Timsah / Ismailia"),
    "canal_qantara": (32.32, 30.85, "Suez Canal, El Qantara"),
    "portsaid_off": (32.35, 31.45, "off Port Said"),
    "sicily_n": (10.6, 37.75, "N of Cap Bon"),
    "alboran": (-2.0, 36.35, "Alboran Sea"),
    "gib_w": (-6.2, 35.95, "W of the Strait of Gibraltar"),
    "st_vincent": (-9.4, 36.8, "off Cape St Vincent"),
    "roca": (-9.9, 38.8, "off Cabo da Roca"),
    "finisterre": (-9.8, 43.2, "off Cape Finisterre"),
    "ushant": (-5.6, 48.55, "off Ushant (W of Brest)"),
    "channel_w": (-3.0, 49.9, "western English Channel"),
    "north_sea_s": (2.8, 52.3, "southern North Sea"),
    "north_sea_n": (6.0, 56.5, "North Sea"),
    "skagerrak": (9.0, 57.9, "Skagerrak"),
    "skagen_off": (10.75, 57.85, "off Skagen"),
    "kattegat": (11.55, 57.3, "Kattegat, E of Læsø"),
    "kattegat_s": (10.9, 56.1, "southern Kattegat"),
    "belt_n": (10.78, 55.62, "Great Belt, N entrance"),
    "belt_s": (11.05, 55.08, "Great Belt, S"),
    "lang1": (10.95, 54.9, "Langeland Belt"),
    "lang2": (10.92, 54.7, "Langeland Belt, S"),
    "fehmarn": (11.3, 54.58, "Fehmarn Belt"),
    "kadet": (12.2, 54.47, "Kadet Channel"),
    "arkona": (13.0, 54.85, "Arkona Basin"),
    "bornholm_s": (14.8, 54.85, "S of Bornholm"),
    "gotland_e": (19.6, 57.0, "E of Gotland"),
    "hiiumaa_w": (21.5, 58.9, "W of Hiiumaa"),
    "hanko_off": (22.9, 59.55, "off Hanko (Gulf of Finland entrance)"),
    "gof_mid": (26.0, 59.95, "Gulf of Finland"),
    "gof_e": (28.8, 60.08, "eastern Gulf of Finland"),
    "neva_n": (29.3, 60.05, "eastern Gulf of Finland, N channel"),
    "kotlin_s": (29.72, 59.965, "S of Kotlin island"),
    "neva_bay": (30.05, 59.95, "Neva Bay"),
    # Caspian
    "kura_e": (50.2, 39.4, "Caspian, E of the Kura delta"),
    "absheron_e": (51.0, 40.35, "Caspian, E of the Absheron peninsula"),
    "volga_ch": (47.75, 45.35, "sea end of the Volga–Caspian ship channel (schematic)"),
    "olya_app3": (47.70, 45.62, "Bakhtemir mouth, seaward (schematic)"),
    "olya_app2": (47.64, 45.70, "Bakhtemir mouth (schematic)"),
    "olya_app1": (47.575, 45.755, "Bakhtemir below Olya (schematic)"),
    "anzali_app": (49.46, 37.53, "off Bandar Anzali"),
    "amirabad_app": (53.35, 36.92, "off Amirabad"),
    "nowshahr_app": (51.50, 36.70, "off Nowshahr"),
    "astara_app": (48.95, 38.45, "off Astara"),
    "makh_app": (47.60, 42.99, "off Makhachkala"),
    # inland routing aids for onshore lines that would otherwise run over the sea/Caspian of the NE basemap
    "derb0": (48.30, 41.93, "inland routing aid S of Derbent (derived)"),
    "dag0": (47.65, 42.55, "inland routing aid, Dagestan coast (derived)"),
    "dag1": (46.60, 43.90, "inland routing aid W of the Agrakhan Gulf (derived)"),
    "kalm0": (46.40, 44.60, "inland routing aid W of Kizlyar Bay (derived)"),
    "kalm1": (46.80, 45.20, "inland routing aid W of the Caspian shore (derived)"),
    "astr1": (47.10, 45.75, "inland routing aid, W edge of the Volga delta (derived)"),
    "astr2": (47.20, 46.00, "inland routing aid, W of the Volga delta (derived)"),
    "astr_n1": (48.10, 46.70, "E (left) bank of the Volga N of Astrakhan (derived)"),
    "astr_n2": (47.60, 47.30, "E (left) bank of the Volga (derived)"),
    "makh_w": (47.40, 42.98, "inland routing aid W of Makhachkala (derived)"),
    "sumg": (49.50, 40.60, "inland routing aid near Sumgayit (derived)"),
    "ktb1": (55.00, 42.00, "inland routing aid E of Kara-Bogaz-Gol (derived)"),
    "ktb2": (55.20, 40.80, "inland routing aid E of Kara-Bogaz-Gol (derived)"),
    "kz1": (54.00, 47.00, "inland routing aid N of the Caspian (derived; path through KZ not sourced)"),
    "tm1": (58.00, 40.00, "inland routing aid, Turkmenistan (derived; path not sourced)"),
    "ba1": (56.16, 27.20, "inland routing aid W of Bandar Abbas (derived)"),
    "ba2": (56.08, 27.16, "inland routing aid N of Shahid Rajaee port (derived)"),
    "salyan": (48.70, 39.30, "inland routing aid W of Kyzylagach Bay (derived)"),
    "mak0": (62.10, 25.35, "inland routing aid N of Gwadar Bay (derived)"),
    "mak1": (62.80, 25.40, "inland routing aid, Makran coast (derived)"),
    "mak2": (64.00, 25.70, "inland routing aid, Makran coast (derived)"),
    "mak3": (65.00, 25.75, "inland routing aid, Makran coast (derived)"),
    "mak4": (66.20, 25.90, "inland routing aid, Makran coast (derived)"),
    "mak5": (66.90, 25.40, "inland routing aid, Makran coast (derived)"),
    # Nord Stream 1
    "ns_gof1": (27.2, 59.92, "Gulf of Finland, S of Hogland"),
    "ns_gof2": (25.0, 59.85, "Gulf of Finland"),
    "ns_hanko": (22.95, 59.55, "Gulf of Finland, S of Hanko"),
    "ns_baltic": (21.0, 58.6, "Baltic Sea, NW of Saaremaa"),
    "ns_gotland": (19.6, 57.6, "E of Gotland"),
    "ns_gotland_s": (18.8, 56.6, "SE of Gotland"),
    "ns_bornholm_ne": (15.75, 55.545, "NE of Bornholm, by the reported NS1 rupture sites"),
    "ns_bornholm_se": (15.2, 54.9, "SE of Bornholm"),
    "ns_pomerania": (14.2, 54.45, "Pomeranian Bay"),
    "ns_greifswald": (13.80, 54.22, "entrance to Greifswald Bay"),
    # Nord Stream 1 from Portovaya Bay (second pass): out of the bay SW into the Gulf of Finland
    "ns_port1": (27.95, 60.40, "off Portovaya Bay"),
    "ns_port2": (27.60, 60.10, "eastern Gulf of Finland, W of Gogland"),
    # Nord Stream 2 (second pass): Narva Bay → Gulf of Finland → E of Gotland → SE of Bornholm → Lubmin; derived sea
    # points along the published route map (S86), a little S of Nord Stream 1
    "ns2_narva": (27.85, 59.72, "Narva Bay, off the Kurgalsky peninsula"),
    "ns2_gof1": (27.0, 59.83, "Gulf of Finland, S of Gogland"),
    "ns2_gof2": (25.0, 59.79, "Gulf of Finland"),
    "ns2_hanko": (22.9, 59.49, "Gulf of Finland entrance"),
    "ns2_baltic": (20.9, 58.55, "Baltic Sea, NW of Saaremaa"),
    "ns2_gotland": (19.55, 57.55, "E of Gotland"),
    "ns2_gotland_s": (18.7, 56.55, "SE of Gotland"),
    "ns2_bornholm_e": (16.1, 55.35, "E of Bornholm"),
    "ns2_rupture": (15.41, 54.876, "SE of Bornholm, by the reported NS2 string A rupture site"),
    "ns2_pomerania": (14.25, 54.42, "Pomeranian Bay"),
    # Caspian lanes from Aktau, Alat and Turkmenbashi (second pass)
    "alat_app": (49.55, 39.90, "off Alat"),
    "alat_se": (50.10, 39.75, "Caspian, SE of Alat (E of the Kura delta islands)"),
    "absheron_far": (51.20, 40.20, "Caspian, E of the Absheron sill"),
    "aktau_app": (51.05, 43.55, "off Aktau"),
    "aktau_sw": (50.90, 43.20, "Caspian, SW of Aktau"),
    "tmb_gulf": (52.60, 40.05, "Krasnovodsk Gulf entrance"),
    "tmb_app": (52.90, 39.97, "Turkmenbashi Bay, off the port"),
    "mid_caspian_e": (51.80, 41.00, "middle Caspian, E"),
    "south_caspian": (52.60, 38.20, "southern Caspian, W of Ogurja Ada"),
    # Qazvin–Rasht traced along the valleys (second pass): Qazvin plain → Kuhin → Shahrud valley at Loshan →
    # Manjil → Sefidrud gorge (Rudbar, Rostamabad) → Emamzadeh Hashem foothills → Rasht. Derived from the road and
    # river pattern; not surveyed track
    "qr1": (49.88, 36.24, "W of Qazvin, along the Tehran–Tabriz line"),
    "qr2": (49.76, 36.26, "Qazvin plain, W"),
    "qr3": (49.66, 36.33, "Kuhin area"),
    "qr4": (49.58, 36.41, "descent to the Shahrud valley"),
    "qr5": (49.53, 36.50, "Shahrud valley"),
    "qr6": (49.55, 36.58, "Shahrud valley, S of Loshan"),
    "qr7": (49.45, 36.68, "Manjil dam-lake bridge (1,430 m)"),
    "qr8": (49.44, 36.865, "Sefidrud gorge, N of Rudbar"),
    "qr9": (49.475, 36.87, "Sefidrud gorge"),
    "qr10": (49.54, 36.93, "Sefidrud valley, NE of Rostamabad"),
    "qr11": (49.57, 36.99, "Sefidrud valley"),
    "qr12": (49.66, 37.08, "foothills N of Emamzadeh Hashem"),
    "qr13": (49.63, 37.16, "Gilan plain S of Rasht"),
    # Rasht → Caspian Port (Anzali FZ), round the W end of the Anzali lagoon
    "rc1": (49.50, 37.31, "NW of Rasht"),
    "rc2": (49.41, 37.38, "S of the Anzali lagoon"),
    "rc3": (49.245, 37.450, "SW of the Anzali lagoon"),
    "rc4": (49.240, 37.528, "W of the Anzali lagoon's W end"),
    # Rasht–Astara / Astara–Lankaran on land (second pass)
    "lav_s": (48.860, 38.360, "coastal plain, N of Lavandevil"),
    "ast_az_s": (48.845, 38.520, "inland of Astara (AZ)"),
    "ast_az_n": (48.835, 38.640, "inland, S of Lankaran"),
    # Azerbaijan rail (second pass): Lankaran → Masalli → Salyan area → Alat → Baku
    "masalli": (48.660, 39.035, "Masalli (town; APPROX)"),
    "alat_st": (49.405, 39.960, "Alat rail junction (APPROX, by Alat settlement)"),
    "sangachal": (49.40, 40.10, "coastal plain S of Baku (Sangachal area; APPROX)"),
    "lokbatan": (49.56, 40.27, "Lokbatan area, SW of Baku (APPROX)"),
    # r08a: the line keeps inland of the N Caspian shore between Ganyushkino and Atyrau; E of Kara-Bogaz-Gol
    "kz_n1": (49.90, 47.12, "N Caspian lowland, W of Atyrau (routing aid)"),
    "kz_n2": (51.20, 47.22, "N Caspian lowland, W of Atyrau (routing aid)"),
    "kbg_ne": (54.25, 42.15, "NE of Kara-Bogaz-Gol (routing aid)"),
    # Turkmenbashi approach: round the tip of the Krasnovodsk spit into Turkmenbashi Bay
    "tmb_w": (52.80, 39.70, "S of the Krasnovodsk spit"),
    "tmb_s": (53.08, 39.72, "Turkmenbashi Bay entrance"),
    "tmb_bay": (53.07, 39.86, "Turkmenbashi Bay"),
    # Chabahar: the railway leaves N along the E shore of Chabahar Bay
    "chb1": (60.65, 25.46, "N of Chabahar, E of the bay (routing aid)"),
    # Gwadar: the IP pipeline passes N of Gwadar town (which is on the peninsula)
    "gwd_n": (62.33, 25.27, "N of Gwadar (routing aid)"),
    "pas_n": (63.45, 25.40, "N of Pasni (routing aid)"),
    "orm_n": (64.60, 25.36, "N of Ormara (routing aid; Ormara town is on its peninsula)"),
    # p01 along the coast via Samur/Yalama (second pass)
    "gudermes": (46.10, 43.35, "Gudermes area (inland routing aid)"),
    "p01_sh": (49.00, 40.55, "inland routing aid Siyazan → Hajigabul, W of the Absheron"),
    # IGAT-1 across the Zagros (derived aids)
    "zag1": (51.10, 32.00, "Zagros, SW of Esfahan (routing aid)"),
    "zag2": (50.50, 31.20, "Zagros, N of Behbahan (routing aid)"),
    # IGAT-7 (derived aids along the coast ranges; route not published)
    "ig7_1": (53.30, 27.40, "Lamerd area (routing aid)"),
    "ig7_2": (54.40, 27.60, "Lar area (routing aid)"),
    "ig7_3": (56.40, 27.45, "N of Bandar Abbas (routing aid)"),
    "ig7_4": (57.70, 27.60, "Rudan area (routing aid)"),
    "ig7_5": (58.80, 27.95, "Kahnuj–Iranshahr, S of the Jazmurian (routing aid)"),
    "rask": (61.40, 26.24, "Rask area (routing aid)"),
}

# --------------------------------------------------------------------------------------------
# status_class: the normalised status of every line feature (routes, railways, pipelines), for styling.
# `status` keeps the sheet's free text; status_class is one of these, chosen per feature from that text and
# the sheet (the build fails on anything else):
#   operational        in service now (rail, sea lanes, pipelines operating even partly)
#   built              built but not (verifiably) in service for its purpose (IGAT-7 and Iran's IP part)
#   under construction work confirmed started
#   planned            agreed and financed, construction not confirmed started (Rasht–Astara railway)
#   proposed           MoU / intention only (Russia → Iran gas via Azerbaijan)
#   unbuilt            a section of a project that was not built (IP pipeline, Pakistan)
#   damaged            built, out of service through damage (Nord Stream 1, 2022)
#   missing link       the gap in an otherwise operational corridor (r03b, Rasht → Astara, in instc_routes)
# --------------------------------------------------------------------------------------------
STATUS_CLASSES = ("operational", "built", "under construction", "planned", "proposed", "unbuilt", "damaged",
                  "missing link")
# r06 trans-Caspian lanes and the r06z channel are generated by build.py; ferries run on them.
R06_STATUS_CLASS = "operational"

# --------------------------------------------------------------------------------------------
# §2 INSTC routes. A route is split into features (id r03a, r03b, …) where the status changes.
# Waypoints: node ids, WP keys, DERIVED keys.
# --------------------------------------------------------------------------------------------
# Dates of every line feature are in DATES below (ISO, machine-readable); `dates_note` keeps the wording.
# Lengths: `length_claimed_km` is the published figure the drawn line is checked against (CHECKS.md); where the
# drawn line cannot come within 10 % of it (schematic paths through unknown stations), `length_discrepancy`
# says why, and the build accepts that explained discrepancy instead of failing.
R02_BA_BAFQ = ["n04", "hajiabad", "sirjan", "bafq"]     # Bafq–Bandar Abbas line (626 km, 1995) as drawn
QAZVIN_RASHT = ["st_qazvin", "qr1", "qr2", "qr3", "qr4", "qr5", "qr6", "st_loshan", "qr7", "st_manjil", "st_rudbar",
                "qr8", "qr9", "st_rostamabad", "qr10", "qr11", "st_emamzadeh", "qr12", "qr13", "st_rasht"]
RASHT_ASTARA = ["st_rasht", "st_rezvanshahr", "st_parehsar", "st_asalem", "st_hashtpar", "st_lisar", "st_havigh",
                "st_lavandevil", "lav_s", "st_astara"]
AZ_RAIL = ["n09", "ast_az_s", "ast_az_n", "lankaran", "masalli", "salyan", "alat_st", "sangachal", "lokbatan", "n10",
           "sumg",
           "siyazan", "khachmaz", "n12"]
ROUTES = [
    dict(id="r01", route="r01", name="Sea leg Mumbai (JNPT) → Bandar Abbas (Shahid Rajaee)", mode="sea",
         gauge_mm=None, status="operational", status_class="operational",
         waypoints=["n01", "jnpt_app", "mumbai_mouth", "mumbai_off", "arab_sea", "gulf_oman", "gulf_oman_w", "hormuz_e",
                    "hormuz", "larak_e", "qeshm_ne", "rajaee_app", "n03"],
         length_claimed_km=None, length_claimed_alt=None, length_discrepancy=None,
         notes="schematic sea lane; Hormuz point from the WP infobox; other sea points derived",
         source="S2;S77;derived", confidence="M", approx=True),
    dict(id="r02", route="r02", name="Iran rail trunk, Bandar Abbas → Tehran", mode="rail", gauge_mm=1435,
         status="operational", status_class="operational",
         waypoints=R02_BA_BAFQ + ["yazd", "meybod", "ardakan", "nain", "kashan", "qom", "n05"],
         length_claimed_km=None, length_claimed_alt="Bafq–Bandar Abbas section 626 km",
         length_discrepancy="Bafq–Bandar Abbas is drawn through Sirjan and Hajiabad only (about 510 km against 626 "
                            "published): the intermediate stations are not in the sources",
         notes="station order follows the Qom–Zahedan line diagram; points are GeoNames towns (Sirjan, Hajiabad: "
               "APPROX routing towns), track APPROX",
         source="S80;GN;derived", confidence="M", approx=True),
    dict(id="r03a", route="r03", name="Western branch (rail), Tehran → Qazvin → Rasht", mode="rail",
         gauge_mm=1435, status="operational", status_class="operational",
         waypoints=["n05", "n06"] + QAZVIN_RASHT[1:-1] + ["n07"],
         length_claimed_km=None, length_claimed_alt="Qazvin–Rasht 164 km (S30, S31); early 2017 report 205 km",
         length_discrepancy=None,
         notes="Tehran–Qazvin drawn straight (schematic); Qazvin–Rasht traced along the Shahrud/Sefidrud valleys "
               "(Loshan, Manjil, Rudbar, Rostamabad, Emamzadeh Hashem), as rw01",
         source="S18;S30;S31;GN;derived", confidence="H", approx=True),
    dict(id="r03b", route="r03", name="Western branch (rail), Rasht → Astara (Iran) — MISSING LINK, planned",
         mode="rail", gauge_mm=1435, status="planned", status_class="missing link", missing_link=True,
         waypoints=["n07"] + RASHT_ASTARA[1:-1] + ["n08"],
         length_claimed_km=162,
         length_claimed_alt="164 (Moscow Times 2023; Zakeri 2025); 167 (Railway Gazette 2018); 170 (TASS 2023, "
                            "Vestnik Kavkaza 2022); 160 (TASS Jan 2026); MRUD: 152 km new track / 155 plain + 12 "
                            "foothills",
         length_discrepancy=None,
         notes="not built; agreement 17 May 2023; €1.6bn total, €1.3bn Russian loan; alignment APPROX through "
               "MRUD-named and unconfirmed routing towns (§3), on the coastal plain",
         source="S18;S19;S21;S22;S25;S26;S28;derived", confidence="H", approx=True),
    dict(id="r03c", route="r03", name="Western branch (rail), Astara (IR) → Astara (AZ) 1520 mm link", mode="rail",
         gauge_mm=1520, status="operational", status_class="operational",
         waypoints=["n08", "n09"],
         length_claimed_km=10, length_claimed_alt="about 8.3–8.5 km in AZ + 1.4–1.7 km in IR",
         length_discrepancy="drawn between the two town points (about 2 km); the track runs from the Astara (AZ) "
                            "station yard about 8 km N of the border to the terminal 1.5 km inside Iran, positions "
                            "not in the sources",
         notes="drawn between the two town points (schematic, shorter than the track)",
         source="S28;S29", confidence="H", approx=True),
    dict(id="r04", route="r04", name="Western branch (rail), Azerbaijan: Astara → Alat → Baku → Yalama", mode="rail",
         gauge_mm=1520, status="operational", status_class="operational",
         waypoints=AZ_RAIL,
         length_claimed_km=None,
         length_claimed_alt="Alat–Osmanli–Astara 245 km (rebuild 2024–2027/28); Bilajari–Yalama 382 km",
         length_discrepancy=None,
         notes="via Lankaran, Masalli, the Salyan area (Osmanli junction, no coordinate), Alat, Baku, Sumgayit "
               "(aid), Siyazan, Khachmaz; inland of the coast; Sumgayit–Yalama rebuilt by end-2025",
         source="S33;S34;S35;GN;derived", confidence="M", approx=True),
    dict(id="r05", route="r05", name="Western branch (rail), Russia: Yalama → Moscow → St Petersburg", mode="rail",
         gauge_mm=1520, status="operational", status_class="operational",
         waypoints=["n12", "n13", "derb0", "n14", "dag0", "n15", "makh_w", "dag1", "kalm0", "kalm1", "astr1", "astr2", "n16", "astr_n1",
                    "astr_n2", "baskunchak",
                    "akhtubinsk", "volgograd", "frolovo", "povorino", "gryazi", "yelets", "tula", "n19", "n20"],
         length_claimed_km=None, length_claimed_alt=None, length_discrepancy=None,
         notes="intermediate rail path not sourced: drawn APPROX through the listed nodes plus derived inland "
               "routing aids that keep it off the Caspian, and from Astrakhan through Volgograd, Povorino and Tula "
               "to Moscow (the towns r08a uses)",
         source="GN;S81;derived", confidence="M", approx=True),
    # r06 trans-Caspian: Iranian ports {n21,n22,n23,n08} <-> Russian ports {n16/n17 (via Olya), n18, n15}
    dict(id="r07", route="r07", name="Eastern branch (rail): Zhanaozen – Bereket – Etrek – Gorgan", mode="rail",
         gauge_mm=None, status="operational", status_class="operational",
         waypoints=["n25", "n35", "n36", "kbg_ne", "ktb2", "n26", "n27", "n37", "n38", "n28"],
         length_claimed_km=928,
         length_claimed_alt="908 (railturkey: 120+700+88); 934.5 (Turkmen source); 146+700+82 (a-w-i-p); 926 "
                            "(RaillyNews); about 900 (AFP)",
         length_discrepancy="drawn about 810 km through the towns and border stations (the published 900–934.5 km "
                            "follow a track whose intermediate stations are not in the sources)",
         notes="agreement 2007, built 2009–14; design capacity 10–12 Mt/yr; border stations Bolashak/Serhetyaka and "
               "Akyayla/Incheh Borun placed APPROX on the line where it crosses the basemap borders; gauge not given "
               "in the sheet",
         source="S13;S14;S15;S16;S17;derived", confidence="H", approx=True),
    dict(id="r08a", route="r08", name="Eastern route used 2022: Chekhov (Moscow region) → KZ → TM → Sarakhs",
         mode="rail", gauge_mm=1520, status="operational", status_class="operational",
         waypoints=["n33", "tula", "yelets", "gryazi", "povorino", "frolovo", "volgograd", "akhtubinsk", "baskunchak",
                    "aksaraisk", "ganyushkino", "kz_n1", "kz_n2", "atyrau", "kulsary", "beyneu", "shetpe", "mangyshlak",
                    "n25", "n35", "n36", "kbg_ne", "ktb2", "n26", "serdar", "ashgabat", "tejen", "tejen_s", "saragt", "n29"],
         length_claimed_km=3800, length_claimed_alt="Chekhov→Sarakhs 3,800 km (6–12 Jul 2022)",
         length_discrepancy=None,
         notes="the train's path: Chekhov, then Kazakhstan and Turkmenistan only (no Uzbek territory): Bolashak / "
               "Serhetyaka crossing, Bereket, Ashgabat, Tejen, Saragt–Sarakhs. The Russian and Kazakh part is not in "
               "the sources and is drawn through Volgograd, Astrakhan region (Aksaraiskaya), Atyrau and Beyneu, "
               "the usual rail route to Bolashak (APPROX). The dates are one train's (an `event`), not a line "
               "opening",
         source="S11;S12;S85;derived", confidence="M", approx=True),
    dict(id="r08b", route="r08", name="Eastern route used 2022: Sarakhs → Mashhad → Bafq → Bandar Abbas",
         mode="rail", gauge_mm=1435, status="operational", status_class="operational",
         waypoints=["n29", "mazdavand", "n34", "fariman", "torbat", "kashmar", "bardaskan", "tabas", "behabad",
                    "bafq", "sirjan", "hajiabad", "n04", "ba1", "ba2", "n03"],
         length_claimed_km=1600, length_claimed_alt="Iranian rail about 1,600 km (Sarakhs–Mashhad about 165 km, "
                                                    "Mashhad–Bafq about 795 km, Bafq–Bandar Abbas 626 km)",
         length_discrepancy="drawn about 1,420 km through the towns on the lines; the track winds through the "
                            "ranges between them (Bafq–Bandar Abbas alone is drawn about 510 km against 626) and its "
                            "stations are not in the sources",
         notes="the real rail path: Sarakhs–Mashhad (1996), Mashhad–Bafq via Torbat-e Heydarieh, Kashmar, "
               "Bardaskan and Tabas, Bafq–Bandar Abbas (1995) via Sirjan; intermediate towns APPROX (routing towns, "
               "not confirmed stations). The dates are one train's (an `event`), not a line opening",
         source="S11;S12;S80;S84;derived", confidence="M", approx=True),
    dict(id="r08c", route="r08", name="Eastern route used 2022: Bandar Abbas → Nhava Sheva (sea)", mode="sea",
         gauge_mm=None, status="operational", status_class="operational",
         waypoints=["n03", "rajaee_app", "qeshm_ne", "larak_e", "hormuz", "hormuz_e", "gulf_oman_w", "gulf_oman",
                    "arab_sea", "mumbai_off", "mumbai_mouth", "jnpt_app", "n01"],
         length_claimed_km=None, length_claimed_alt="no claim for the sea leg; total r08 (Chekhov → Nhava Sheva) about 8,000 km",
         length_discrepancy=None,
         notes="same schematic lane as r01, reversed. The date is one shipment's (an `event`)",
         source="S11;S12;S77;derived", confidence="M", approx=True),
    dict(id="r09", route="r09", name="Comparison: Suez route, Mumbai (JNPT) → St Petersburg", mode="sea",
         gauge_mm=None, status="operational", status_class="operational",
         waypoints=["n01", "jnpt_app", "mumbai_mouth", "mumbai_off", "socotra_n", "off_aden", "bab_s", "babelmandeb", "hanish_e", "red_s", "red_n", "shadwan_s", "gubal",
                    "gos1", "gos2", "gos3", "gos4", "suez", "canal_bitter", "canal_ismailia", "canal_qantara",
                    "portsaid", "portsaid_off", "sicily", "sicily_n", "alboran", "gibraltar", "gib_w", "st_vincent",
                    "roca", "finisterre", "ushant", "channel_w", "dover", "north_sea_s", "north_sea_n", "skagerrak",
                    "skagen_off", "kattegat", "kattegat_s", "belt_n", "greatbelt", "belt_s", "lang1", "lang2", "fehmarn", "kadet", "arkona",
                    "bornholm_s", "gotland_e", "hiiumaa_w", "hanko_off", "gof_mid", "gof_e", "neva_n", "kotlin_s", "neva_bay", "n20"],
         length_claimed_km=16000,
         length_claimed_alt="\"some 16,000 km\" (claim); 45–60 days (claim); FESCO about 23 days sailing; Suez "
                            "Canal 193.3 km",
         length_discrepancy="the 16,000 km is a round claim (\"some\"); the drawn lane is about 14,400 km",
         notes="via Aden, Bab-el-Mandeb, Suez, Port Said, Strait of Sicily, Gibraltar, Brest (aid), Dover, "
               "Skagen (aid), Great Belt, Rønne/Bornholm (aid), Hanko (aid); land routing aids passed offshore; "
               "Suez→Port Said runs through the Suez Canal (land in Natural Earth: allowed exception)",
         source="S8;S77;S78;GN;derived", confidence="M", approx=True),
    # r10: Caspian lanes of the east–west ("Middle Corridor") and Kazakh/Turkmen–Iran services (second pass)
    dict(id="r10a", route="r10", name="Caspian lane Alat (Baku port) ↔ Aktau", mode="sea", gauge_mm=None,
         status="operational", status_class="operational",
         waypoints=["n11", "alat_app", "alat_se", "absheron_far", "aktau_sw", "aktau_app", "n30"],
         length_claimed_km=None, length_claimed_alt=None, length_discrepancy=None,
         notes="ferry / ro-ro lane (ASCO, KTZ); schematic, round the Absheron peninsula", source="S95;derived",
         confidence="M", approx=True),
    dict(id="r10b", route="r10", name="Caspian lane Alat (Baku port) ↔ Turkmenbashi", mode="sea", gauge_mm=None,
         status="operational", status_class="operational",
         waypoints=["n11", "alat_app", "alat_se", "tmb_w", "tmb_s", "tmb_bay", "n31"],
         length_claimed_km=None, length_claimed_alt=None, length_discrepancy=None,
         notes="ferry / ro-ro lane (ASCO); schematic", source="S95;derived", confidence="M", approx=True),
    dict(id="r10c", route="r10", name="Caspian lane Aktau ↔ Amirabad", mode="sea", gauge_mm=None,
         status="operational", status_class="operational",
         waypoints=["n30", "aktau_app", "aktau_sw", "mid_caspian_e", "south_caspian", "amirabad_app", "n22"],
         length_claimed_km=None, length_claimed_alt=None, length_discrepancy=None,
         notes="Kazakhstan–Iran cargo lane (schematic); Iranian Caspian ports are also served from Aktau at "
               "Anzali and Nowshahr", source="S95;derived", confidence="M", approx=True),
]

R06_IR = ["n21", "n22", "n23", "n08"]
R06_RU = ["n15", "n18"]          # n16/n17 are reached up the Bakhtemir from Olya (r06w)
R06_APP = {"n21": "anzali_app", "n22": "amirabad_app", "n23": "nowshahr_app", "n08": "astara_app"}
R06_MID = {  # open-Caspian waypoints between an Iranian port approach and the Russian side
    "n21": ["kura_e", "absheron_e"], "n22": ["absheron_e"], "n23": ["kura_e", "absheron_e"],
    "n08": ["kura_e", "absheron_e"],
}
R06_RU_APP = {"n15": ["makh_app"], "n18": ["volga_ch", "olya_app3", "olya_app2", "olya_app1"]}


# --------------------------------------------------------------------------------------------
# §3 / §4 railway stations
# (key, name, lon, lat, line, order, confirmed, basis, source, confidence, approx, fa)
# --------------------------------------------------------------------------------------------
STATIONS = [
    ("st_qazvin", "Qazvin", 50.004, 36.269, "Qazvin–Rasht", "Q1", True, "station named by S31; point is the town",
     "S31;GN", "H", False, "قزوین"),
    ("st_loshan", "Loshan (Lowshan)", 49.513, 36.630, "Qazvin–Rasht", "Q2", True,
     "station named by S31; point is the town", "S31;GN", "H", False, "لوشان"),
    ("st_manjil", "Manjil", 49.401, 36.744, "Qazvin–Rasht", "Q3", True,
     "station named by S31; Manjil dam-lake bridge (1,430 m) is the longest rail bridge in Iran", "S31;GN", "H",
     False, "منجیل"),
    ("st_rudbar", "Rudbar", 49.426, 36.821, "Qazvin–Rasht", "Q4", True,
     "station named by S31; GN \"Pā'īn-e Bāzār-e Rūdbār\"", "S31;GN", "M", False, "رودبار"),
    ("st_rostamabad", "Rostamabad", 49.497, 36.902, "Qazvin–Rasht", "Q5", True,
     "station named by S31; point is the town", "S31;GN", "H", False, "رستم\u200cآباد"),
    ("st_emamzadeh", "Emamzadeh Hashem", 49.620, 37.020, "Qazvin–Rasht", "Q6", True,
     "station named by S31; APPROX position (no gazetteer coordinate in the sheet): the Emamzadeh Hashem pass on "
     "the Rasht road, from the data engineer's knowledge, ±3 km", "S31;derived", "L", True, "امامزاده هاشم"),
    ("st_rasht", "Rasht", 49.589, 37.276, "Qazvin–Rasht; Rasht–Astara (planned); Rasht–Caspian port",
     "Q7 / RA1", True, "end of Qazvin–Rasht (S31); start of Rasht–Astara named by MRUD (S18); point is the city",
     "S18;S31;GN", "H", False, "رشت"),
    ("st_rezvanshahr", "Rezvanshahr", 49.137, 37.549, "Rasht–Astara (planned)", "RA2", True,
     "named on the route by MRUD", "S18;GN", "H", False, "رضوانشهر"),
    ("st_parehsar", "Pareh Sar", 49.071, 37.600, "Rasht–Astara (planned)", "RA2a", False,
     "APPROX routing town, not confirmed as a station", "GN", "L", True, "پره\u200cسر"),
    ("st_asalem", "Asalem", 48.953, 37.733, "Rasht–Astara (planned)", "RA2b", False,
     "APPROX routing town, not confirmed as a station", "GN", "L", True, "اسالم"),
    ("st_hashtpar", "Hashtpar (Talesh)", 48.905, 37.797, "Rasht–Astara (planned)", "RA3", True,
     "named by MRUD; \"main city on the route: Talesh\"", "S18;GN", "H", False, "هشتپر"),
    ("st_lisar", "Lisar", 48.908, 37.956, "Rasht–Astara (planned)", "RA3a", False,
     "APPROX routing town (the brief's \"Lisar?\" is unconfirmed)", "GN", "L", True, "لیسار"),
    ("st_havigh", "Havigh (Haviq)", 48.891, 38.148, "Rasht–Astara (planned)", "RA3b", False,
     "APPROX routing town, not confirmed as a station", "GN", "L", True, "حویق"),
    ("st_lavandevil", "Lavandevil", 48.857, 38.306, "Rasht–Astara (planned)", "RA3c", False,
     "APPROX routing town, not confirmed as a station; the GN point 48.872, 38.310 is on the shoreline (in the "
     "drawn sea), moved 1.4 km W inland", "GN;derived", "L", True, "لوندویل"),
    ("st_astara", "Astara (IR)", 48.870, 38.431, "Rasht–Astara (planned); Astara–Astara 1520 mm link", "RA4", True,
     "end (\"Astara Port\" per MRUD); connects to the AZ-built 1520 mm spur and terminal", "S18;S28", "H", False,
     "آستارا"),
]

# --------------------------------------------------------------------------------------------
# Railways layer (detailed lines, §3 / §4 / §2 r04)
# --------------------------------------------------------------------------------------------
RAILWAYS = [
    dict(id="rw01", name="Qazvin–Rasht railway", status="operational", status_class="operational", gauge_mm=1435,
         waypoints=QAZVIN_RASHT,
         length_claimed_km=164, length_claimed_alt="205 km (early 2017 report)", length_tolerance=0.05,
         length_discrepancy=None,
         financing=None, agreement=None,
         notes="construction from 2006; trial train 22 Nov 2018; formally opened 6 Mar 2019 (Rouhani); 53 tunnels "
               "(about 22 km) and 45 bridges (about 9 km). Traced along the Qazvin plain, the Shahrud valley "
               "(Loshan), Manjil (dam-lake bridge), the Sefidrud gorge (Rudbar, Rostamabad) and the Emamzadeh "
               "Hashem foothills to Rasht: derived waypoints, not surveyed track",
         source="S30;S31;GN;derived", confidence="H", approx=True),
    dict(id="rw02", name="Rasht–Caspian Port (Anzali Free Zone) railway", status="operational",
         status_class="operational", gauge_mm=1435,
         waypoints=["st_rasht", "rc1", "rc2", "rc3", "rc4", "n32"],
         length_claimed_km=37, length_claimed_alt=None, length_tolerance=0.10,
         length_discrepancy="alignment and the port's position not published: drawn round the W end of the "
                            "Anzali lagoon to the open shore (about 47 km), longer than the published 37 km; "
                            "either the port lies nearer Rasht than drawn or the 37 km counts from another "
                            "station: unresolved, both APPROX",
         financing=None, agreement=None,
         notes="inaugurated 20 Jun 2024 (Mokhber, Levitin); ends at the Caspian Port in the Anzali Free Zone (n32, "
               "APPROX); alignment APPROX (round the W end of the Anzali lagoon); gauge assumed Iranian standard",
         source="S32;GN;derived", confidence="M", approx=True),
    dict(id="rw03", name="Rasht–Astara railway (planned)", status="planned", status_class="planned", gauge_mm=1435,
         waypoints=RASHT_ASTARA,
         length_claimed_km=162, length_tolerance=0.05, length_discrepancy=None,
         length_claimed_alt="164 (Moscow Times 2023; Zakeri 2025); 167 (Railway Gazette 2018); 170 (TASS 2023, "
                            "Vestnik Kavkaza 2022); 160 (TASS Jan 2026); MRUD page: 152 km new track… 155 km plain "
                            "+ 12 km foothills (internally inconsistent)",
         financing="total €1.6bn; Russian interstate loan €1.3bn (about 85%) (Novak); some outlets wrote \"$1.6bn\"; "
                   "repayment over 10 years at 3% (MRUD, Nov 2025). Earlier: 2017–18 AZ offered financing "
                   "(Railway Gazette \"$500m\"; Azernews \"$1.5bn soft loan\", cost $1.1bn)",
         agreement="intergovernmental agreement signed 2023-05-17 in Tehran (Savelyev–Bazrpash; Putin by video, "
                   "Raisi present)",
         notes="MRUD: 9 stations (1 level-1, 4 level-2, 4 level-3); gauge 1435 mm with 6 km of Iranian-gauge track "
               "into AZ and 3 km of AZ-gauge track into IR, 100 m Astarachay border bridge. Contractor \"Caspian "
               "Service\" (RU), client CDTIC. Land acquisition 95 of 164 km (2025), >100 km (Jan 2026); "
               "construction start \"after Novruz 2026\", build time \"less than 3 years\". Alignment APPROX, on "
               "the coastal plain inland of the shore",
         source="S18;S19;S20;S21;S22;S23;S24;S25;S26;S27;S28;derived", confidence="H", approx=True),
    dict(id="rw04", name="Astara (AZ) – Astara (IR) 1520 mm link", status="operational",
         status_class="operational", gauge_mm=1520,
         waypoints=["n09", "st_astara"],
         length_claimed_km=10, length_claimed_alt="about 8.3–8.5 km in AZ + 1.4–1.7 km in IR", length_tolerance=0.10,
         length_discrepancy="drawn between the two town points (about 2 km); the track runs from the Astara (AZ) "
                            "station yard about 8 km N of the border to the terminal 1.5 km inside Iran, positions "
                            "not in the sources",
         financing="about $60m (AZ-funded)", agreement=None,
         notes="first freight 8 Feb 2018, official opening 29 Mar 2018; Astarachay bridge 82.5 m (sources also "
               "mention a dual 1520/1435 mm bridge); drawn between town points (schematic, shorter than the track)",
         source="S28;S29", confidence="H", approx=True),
    dict(id="rw05", name="Azerbaijan: Astara – Alat – Baku – Yalama railway", status="operational",
         status_class="operational", gauge_mm=1520,
         waypoints=AZ_RAIL,
         length_claimed_km=None, length_tolerance=0.10, length_discrepancy=None,
         length_claimed_alt="Alat–Osmanli–Astara 245 km (rebuild 2024–2027/28); Bilajari–Yalama 382 km",
         financing=None, agreement=None,
         notes="Osmanli and Sumgayit have no coordinates (Osmanli lies in the Salyan area; Sumgayit a derived aid); "
               "Lankaran, Masalli, Khachmaz APPROX routing towns; Alat junction APPROX; Sumgayit–Yalama rebuilt by "
               "end-2025; kept inland of the coast",
         source="S33;S34;S35;GN;derived", confidence="M", approx=True),
    dict(id="rw06", name="Chabahar–Zahedan railway (under construction)", status="under construction",
         status_class="under construction", gauge_mm=1435,
         waypoints=["n24", "chb1", "nikshahr", "iranshahr_r", "khash", "zahedan"],
         length_claimed_km=628, length_claimed_alt=None, length_tolerance=0.10,
         length_discrepancy="drawn about 500 km straight between the towns on the route (Nikshahr, Iranshahr, Khash); "
                            "the 628 km track winds through the Makran and Baluchistan ranges; alignment not published",
         financing="Iranian (National Development Fund); India's IRCON MoU (2016) lapsed, Iran proceeded alone (2020)",
         agreement=None,
         notes="Chabahar's rail link to the national network at Zahedan (and on to Mashhad / Sarakhs); under "
               "construction, completion targets have slipped repeatedly (status as of the sources)",
         source="S90;derived", confidence="M", approx=True),
]

# --------------------------------------------------------------------------------------------
# §5 islands
# --------------------------------------------------------------------------------------------
# Events per island (text, with ISO dates first). The 17 Jan 2025 Iran–Russia Treaty on Comprehensive Strategic
# Partnership is NOT an island event: its 47 articles do not mention the islands (S53), so it is left out here.
ISLAND_EVENTS_COMMON = (
    "2022-12: Iran summoned China's envoy over a China–GCC statement on the islands (S50). | "
    "2023-07-10: Russia–GCC joint statement backs the UAE initiative (bilateral negotiations or the ICJ); "
    "2023-07-12 Iran summoned Russian ambassador Dedov; 2023-07-18 Abdollahian–Lavrov call (S50, S51, S52).")
ISLAND_EVENTS = {
    "i01": ("1971-11-29/30: Iran–Sharjah memorandum of understanding on Abu Musa: the island was partitioned, Iranian "
            "forces in the north, Sharjah keeping the south with the town (S49, S91). | 1992 (Apr–Aug): Iran took "
            "control of the whole island, turning away non-Iranian residents and teachers of the Sharjah side "
            "(S91). | " + ISLAND_EVENTS_COMMON),
    "i02": ("1971-11-30: Iranian forces took Greater Tunb as British forces withdrew (Ras al-Khaimah joined the UAE "
            "on 10 Feb 1972) (S49). | " + ISLAND_EVENTS_COMMON),
    "i03": ("1971-11-30: Iranian forces took Lesser Tunb as British forces withdrew (S49). | " + ISLAND_EVENTS_COMMON),
}
ISLAND_EVENT_SOURCES = "S49;S50;S51;S52;S91"
ISLAND_ADMIN_NOTE = {
    "i01": "partitioned by the 1971 memorandum (Iran in the north, Sharjah in the south) from 30 Nov 1971; "
           "administered wholly by Iran (Hormozgan Province) since 1992",
    "i02": "Iran (Hormozgan Province) since 30 Nov 1971",
    "i03": "Iran (Hormozgan Province) since 30 Nov 1971",
}
# Greater Tunb: the WP infobox point (55.2667, 26.2500) lies 4.3 km W of the island in the sea; the island's
# published centre per the audit of issue 10 (55.3044, 26.2625, S45) agrees with GSHHG. Both are kept.
ISLAND_CENTROID_ALT = {"i02": "55.2667, 26.2500 (WP infobox, ±1 arc-minute; lies in the sea 4.3 km W of the island)"}

# (id, name, name_fa, name_ar, name_fa_latn, name_ar_latn, centroid lon, lat, area published, area alt,
#  claimed_by_emirate, description, source, confidence)
ISLANDS = [
    ("i01", "Abu Musa", "ابوموسی", "أبو موسى", "Abu Musa", "Abu Musa (Bu Musa)", 55.0333, 25.8667, 12.8,
     "12 (other sources)", "Sharjah",
     "highest point Mt Halva 110 m toward the north; cliffs in the north, sandy beaches in the south; town/harbour "
     "W–SW; lighthouse 55.0339, 25.8851 (NGA: Fl W 8s, 130 m); GeoNames files Abu Musa town under AE",
     "S44;S48", "H"),
    ("i02", "Greater Tunb", "تنب بزرگ", "طنب الكبرى", "Tonb-e Bozorg", "Tunb al-Kubra", 55.3044, 26.2625, 10.3,
     "\"3.75 × 3.9 km\", \"4-km diameter\"; 1820s survey \"about 5 km long, 4 km broad\"", "Ras al-Khaimah",
     "max 53 m; village, runway, pier and lighthouse", "S45;S46;S47", "H"),
    ("i03", "Lesser Tunb", "تنب کوچک", "طنب الصغرى", "Tonb-e Kuchak", "Tunb as-Sughra", 55.1333, 26.2333, 2.0,
     None, "Ras al-Khaimah",
     "\"dark in colour and almost triangular\"; about 12 km W of Greater Tunb; uninhabited apart from a military "
     "post/airstrip", "S45;S48", "H"),
]

# --------------------------------------------------------------------------------------------
# §6a gas fields
# --------------------------------------------------------------------------------------------
FIELDS = [
    dict(id="f01", name="South Pars / North Dome", name_fa="پارس جنوبی", kind="gas field", lon=52.0680, lat=26.6191,
         countries="IRN;QAT", discovered="1971", producing_since="1989",
         reserves="about 51 tcm gas in place (IEA); Iranian share 14.2 tcm (Shana)",
         area_km2="9,700 (Iran 3,700, Qatar 6,000)",
         notes="WP infobox point; the field is an area (not drawn as one: no outline in the sources)",
         source="S63", confidence="H", approx=False),
    dict(id="f02", name="Kish gas field", name_fa="میدان گازی کیش", kind="gas field", lon=54.019, lat=26.558,
         countries="IRN", discovered="2006 (Mehr, Tehran Times); 1968 (Financial Tribune)", producing_since=None,
         reserves="56–66 tcf (1.3–1.7 tcm) in place",
         area_km2=None,
         notes="APPROX position: GN \"Kīsh\" town (Kish Island); sources say the field lies \"near Kish Island\"; "
               "Otagh Iran / Financial Tribune: \"30 km east of Lavan Island\". Feb 2023: $900m phase-1 contract and "
               "a 200–210 km subsea line to Asaluyeh. Part of the Jul 2022 NIOC–Gazprom MoU (about $40bn)",
         source="GN;S64;S61;S62", confidence="L", approx=True),
    dict(id="f03", name="North Pars gas field", name_fa="پارس شمالی", kind="gas field", lon=51.210, lat=27.910,
         countries="IRN", discovered="1967 (explored 1963)", producing_since=None,
         reserves="58.9 tcf in place, 47.2 tcf recoverable", area_km2=None,
         notes="OFFSHORE. DERIVED/APPROX position: \"some 120 km south-east of Bushehr\", 10–15 km off the coast, "
               "water depth 2–30 m (S65; bne IntelliNews says 3,500 m, contradicting). Placed about 15 km off the GSHHG "
               "shore, 125 km SSE of Bushehr city (50.837, 28.969). The earlier derived point (120 km at bearing "
               "135°, 51.70, 28.20) fell on land 37 km from the sea. Part of the Jul 2022 NIOC–Gazprom MoU",
         source="S65;S61;S62;derived", confidence="L", approx=True),
    dict(id="f04", name="Asaluyeh (South Pars onshore hub)", name_fa="عسلویه", kind="gas hub", lon=52.615,
         lat=27.478, countries="IRN", discovered=None, producing_since=None, reserves=None, area_km2=None,
         notes="start of IGAT-7 and the IP pipeline; the GN point 52.608, 27.474 lies in the sea of the Natural Earth "
               "coast, moved 0.8 km NE inland (1.1 km from the GSHHG shore)", source="GN;S66", confidence="H",
         approx=False),
    # The Sept 2022 Nord Stream rupture sites (second pass). Three of the four strings (NS1 A and B, NS2 A) were
    # ruptured on 26 Sep 2022; four leak sites were reported near Bornholm, two in the Danish and two in the
    # Swedish EEZ. Positions APPROX (±5 km) from the authorities' published maps, as reported.
    dict(id="f05", name="Nord Stream rupture sites NE of Bornholm (NS1 strings A and B)", name_fa=None,
         kind="pipeline rupture", lon=15.750, lat=55.545, countries="SWE;DNK", discovered=None,
         producing_since=None, reserves=None, area_km2=None,
         notes="26 Sep 2022: explosions ruptured both Nord Stream 1 strings NE of Bornholm (leak sites in the "
               "Swedish and Danish EEZs as reported; which leak lies in which EEZ differs between reports); Sweden "
               "confirmed sabotage (18 Nov 2022). Position APPROX (±5 km)",
         source="S87;S71", confidence="L", approx=True),
    dict(id="f06", name="Nord Stream 2 rupture site SE of Bornholm (NS2 string A)", name_fa=None,
         kind="pipeline rupture", lon=15.410, lat=54.876, countries="DNK", discovered=None,
         producing_since=None, reserves=None, area_km2=None,
         notes="26 Sep 2022: NS2 string A ruptured SE of Bornholm in the Danish EEZ (first leak reported by the "
               "Danish Energy Agency); string B stayed intact. Position APPROX (±5 km)",
         source="S87;S86", confidence="L", approx=True),
]

# --------------------------------------------------------------------------------------------
# §6b pipelines
# --------------------------------------------------------------------------------------------
P01_RU_AZ = ["mozdok", "gudermes", "n15", "dag0", "derb0", "n13", "n12", "khachmaz", "siyazan", "p01_sh",
             "hajigabul"]                      # Mozdok → Makhachkala → Samur/Yalama → Kazi Magomed (680 km, S59)
AZ_GAS = ["hajigabul", "salyan", "masalli", "lankaran", "ast_az_n", "ast_az_s", "n09", "n08"]
PIPELINES = [
    dict(id="p01", name="Russia → Iran gas via Azerbaijan (phase 1 uses existing pipes)", offshore=False,
         waypoints=P01_RU_AZ + AZ_GAS[1:],
         status="proposed (MoU Jun 2024; price under negotiation Aug 2025)", status_class="proposed",
         capacity="start up to 2 bcm/yr, could reach 55 bcm/yr (Putin, 17 Jan 2025); up to 1.8 bcm in 2025 if "
                  "price agreed (Apr 2025); existing: Mozdok–Makhachkala–Kazi Magomed 13 bcm/yr (1983), AZ operating "
                  "about 4.5 bcm/yr, AZ–IR link about 2 bcm/yr (per Turan)",
         diameter=None, length_claimed_km=976.5,
         length_claimed_alt="derived sum: Mozdok–Makhachkala–Kazi Magomed 680 km (S59; that figure is only this "
                            "section) + Kazi Magomed–Astara 296.5 km (the AZ section of IGAT-1, S60)",
         length_discrepancy="the path is straight legs between the stated towns (Mozdok, Makhachkala, Derbent, "
                            "Samur/Yalama, Siyazan, Hajigabul, Salyan, Lankaran, Astara); the pipe follows the "
                            "terrain between them, so the drawn line is shorter than the published sections",
         section_claims="Mozdok–Kazi Magomed (Hajigabul) 680 km",
         dates="MoU Gazprom–NIGC late Jun 2024; route via AZ agreed (Tsivilev); 25 Apr 2025 commission: delivery at "
               "Astara",
         notes="along the Caspian coast: Mozdok → Makhachkala → Derbent → Samur/Yalama border (Novo Filya metering, "
               "no coordinate) → Khachmaz → Siyazan → Hajigabul (ex-Kazi Magomed) → Salyan → Lankaran → Astara AZ → "
               "Astara IR (agreed delivery point); path APPROX along the stated towns",
         source="S55;S56;S57;S58;S59;S60;GN;derived", confidence="M", approx=True),
    dict(id="p02", name="IGAT-1: Bid Boland – Esfahan – Saveh – Rasht – Astara (– Kazi Magomed)", offshore=False,
         waypoints=["bidboland", "zag2", "zag1", "esfahan", "kashan_g", "saveh", "qazvin_g"]
                   + QAZVIN_RASHT[1:-1] + RASHT_ASTARA + ["n09"] + list(reversed(AZ_GAS[:-2])),
         status="operating (partly, as swap/reverse)", status_class="operational", capacity="originally 10 bcm/yr",
         diameter="1,020 mm (40/42-inch)",
         length_claimed_km=1474.5, length_claimed_alt="296.5 km of it in AZ (Kazi Magomed–Astara)",
         length_discrepancy="straight legs between the towns the line is known to pass and two derived aids across "
                            "the Zagros (Bid Boland–Esfahan); the real line winds through the Zagros and is longer; "
                            "the sheet's 1,474.5 km total may include branches (unverified)",
         section_claims=None,
         dates="inaugurated Oct 1970",
         notes="IGAT-1 starts at the Bid Boland gas refinery (Khuzestan, between Aghajari and Behbahan, APPROX) and "
               "crosses the Zagros to Esfahan, then runs N via Kashan and Saveh (spur to Tehran, p02t), Qazvin, the "
               "Sefidrud valley and Rasht to Astara, and on in Azerbaijan to Kazi Magomed (Hajigabul). It does not "
               "end at Abadan. Intermediate path APPROX (derived Zagros aids)",
         source="S60;S92;GN;derived", confidence="M", approx=True),
    dict(id="p02t", name="IGAT-1 Tehran spur (Saveh → Tehran)", offshore=False,
         waypoints=["saveh", "n05"],
         status="operating", status_class="operational", capacity=None, diameter=None,
         length_claimed_km=None, length_claimed_alt=None, length_discrepancy=None, section_claims=None,
         dates="1970 (with IGAT-1)",
         notes="spur of IGAT-1 to Tehran; drawn straight (schematic)", source="S92;derived", confidence="M",
         approx=True),
    dict(id="p03", name="IGAT-7 (Asaluyeh → Iranshahr; Iran section of the IP pipeline, part 1)", offshore=False,
         waypoints=["asaluyeh", "ig7_1", "ig7_2", "ig7_3", "ig7_4", "ig7_5", "iranshahr"],
         status="operational (domestic supply since 2010)", status_class="operational", capacity=None,
         diameter="56-inch",
         length_claimed_km=902, length_claimed_alt=None, length_discrepancy=None, section_claims=None,
         dates="inaugurated 23 Aug 2010",
         notes="in service for domestic supply (Hormozgan, Sistan-Baluchestan) since 2010; intermediate path not "
               "published: drawn through derived routing aids along the coast ranges (Lamerd, Lar, N of Bandar "
               "Abbas, Rudan–Kahnuj)", source="S66;derived", confidence="H", approx=True),
    dict(id="p04", name="IP pipeline, Iran section part 2 (Iranshahr → border)", offshore=False,
         waypoints=["iranshahr", "rask", "ipborder"],
         status="built (per Iran; completion to the zero point unverified)",
         status_class="built",
         capacity=None, diameter=None, length_claimed_km=290,
         length_claimed_alt="\"about 400 km\" (2010 plan); Iran's section in total 1,172 km (902 + 290); \"over 900 km "
                            "built\" also quoted",
         length_discrepancy="drawn about 240 km through Rask to the border; the 290 km published and its path "
                            "are Iranian statements (unverified)",
         section_claims=None,
         dates=None, notes="ends at the border (the zero point, APPROX on the basemap border 9 km N of Gwadar "
                           "Bay); the sheet's Jiwani point lay inside Pakistan; drawn schematic",
         source="S66;S67;S69;derived", confidence="L", approx=True),
    dict(id="p05", name="IP pipeline, Pakistan section (border → Nawabshah)", offshore=False,
         waypoints=["ipborder", "mak0", "gwd_n", "mak1", "pasni", "pas_n", "mak2", "orm_n", "mak3", "uthal", "sehwan",
                    "nawabshah"],
         status="unbuilt (80 km border–Gwadar phase approved 23 Feb 2024; no construction confirmed)",
         status_class="unbuilt",
         capacity=None, diameter="42-inch", length_claimed_km=781,
         length_claimed_alt="785 km; \"about 700 km\"; phase 1: 80 km border–Gwadar (about $151–158m, GIDC-funded)",
         length_discrepancy=None, section_claims=None,
         dates="phase 1 approved by CCoE/cabinet 23 Feb 2024",
         notes="along the Makran Coastal Highway (N of Gwadar town, Pasni, N of Ormara), then inland N of Karachi (Uthal, Sehwan) "
               "to the grid at Nawabshah; towns APPROX. The earlier path through the Karachi area drew 914 km "
               "against 781–785 km published",
         source="S68;S69;S70;derived", confidence="M", approx=True),
    dict(id="p06", name="Nord Stream 1 (2 strings)", offshore=True,
         waypoints=["portovaya", "ns_port1", "ns_port2", "ns_gof1", "ns_gof2", "ns_hanko", "ns_baltic",
                    "ns_gotland", "ns_gotland_s", "ns_bornholm_ne", "ns_bornholm_se", "ns_pomerania",
                    "ns_greifswald", "lubmin"],
         status="damaged 2022", status_class="damaged", capacity="55 bcm/yr (2 × 27.5)", diameter="1,220 mm",
         length_claimed_km=1222, length_claimed_alt="1,224 km per string (operator statement)",
         length_discrepancy=None, section_claims=None,
         dates="line 1 opened 8 Nov 2011, line 2 8 Oct 2012; flows stopped end-Aug 2022; ruptured 26 Sep 2022 "
               "(leaks near Bornholm, Danish/Swedish EEZs; Sweden confirmed sabotage)",
         notes="starts at Portovaya Bay (compressor station at the landfall, NW of Vyborg Bay), not at Vyborg; "
               "route APPROX via the Gulf of Finland (S of Hanko), E of Gotland, NE of Bornholm past the rupture "
               "sites (f05), SE of Bornholm, Greifswald Bay to Lubmin; sea points derived; Portovaya up to 220 bar; "
               "crosses RU, FI, SE, DK, DE EEZs",
         source="S71;S87;derived", confidence="H", approx=True),
    dict(id="p07", name="Nord Stream 2 (2 strings)", offshore=True,
         waypoints=["narva_bay", "ns2_narva", "ns2_gof1", "ns2_gof2", "ns2_hanko", "ns2_baltic", "ns2_gotland",
                    "ns2_gotland_s", "ns2_bornholm_e", "ns2_rupture", "ns2_pomerania", "ns_greifswald", "lubmin"],
         status="damaged 2022 (never entered service)", status_class="damaged", capacity="55 bcm/yr (2 × 27.5)",
         diameter="1,153 mm (48-inch)",
         length_claimed_km=1230, length_claimed_alt="about 1,200 km in some reports",
         length_discrepancy=None, section_claims=None,
         dates="construction completed Sep 2021 (Gazprom, 10 Sep 2021); German certification halted 22 Feb 2022; "
               "string A ruptured 26 Sep 2022, string B intact",
         notes="from Narva Bay (Kurgalsky peninsula, Ust-Luga area) to Lubmin, roughly parallel to Nord Stream 1, "
               "passing SE of Bornholm (Danish EEZ) past the rupture site (f06); route APPROX through derived sea "
               "points",
         source="S86;S87;derived", confidence="M", approx=True),
]

# --------------------------------------------------------------------------------------------
# Countries: ISO 3166-1 numeric (as in Natural Earth / world-atlas `id`) -> alpha-3, for every
# feature that falls in the basemap clip box 75°W–180°E, 45°S–85°N.  Written by the data engineer and checked
# against Debian iso-codes 4.15 (/usr/share/iso-codes/json/iso_3166-1.json).
# --------------------------------------------------------------------------------------------
ISO_N3_TO_A3 = {
    "004": "AFG", "008": "ALB", "012": "DZA", "020": "AND", "024": "AGO", "028": "ATG", "031": "AZE", "032": "ARG",
    "036": "AUS", "040": "AUT", "044": "BHS", "048": "BHR", "050": "BGD", "051": "ARM", "052": "BRB", "056": "BEL",
    "060": "BMU", "064": "BTN", "068": "BOL", "070": "BIH", "072": "BWA", "076": "BRA", "086": "IOT", "090": "SLB",
    "092": "VGB", "096": "BRN", "100": "BGR", "104": "MMR", "108": "BDI", "112": "BLR", "116": "KHM", "120": "CMR",
    "124": "CAN", "132": "CPV", "140": "CAF", "144": "LKA", "148": "TCD", "152": "CHL", "156": "CHN", "158": "TWN",
    "170": "COL", "174": "COM", "178": "COG", "180": "COD", "191": "HRV", "192": "CUB", "196": "CYP", "203": "CZE",
    "204": "BEN", "208": "DNK", "212": "DMA", "214": "DOM", "226": "GNQ", "231": "ETH", "232": "ERI", "233": "EST",
    "234": "FRO", "242": "FJI", "246": "FIN", "248": "ALA", "250": "FRA", "260": "ATF", "262": "DJI", "266": "GAB",
    "268": "GEO", "270": "GMB", "275": "PSE", "276": "DEU", "288": "GHA", "292": "GIB", "296": "KIR", "300": "GRC",
    "304": "GRL", "308": "GRD", "316": "GUM", "324": "GIN", "328": "GUY", "332": "HTI", "336": "VAT", "344": "HKG",
    "348": "HUN", "352": "ISL", "356": "IND", "360": "IDN", "364": "IRN", "368": "IRQ", "372": "IRL", "376": "ISR",
    "380": "ITA", "384": "CIV", "392": "JPN", "398": "KAZ", "400": "JOR", "404": "KEN", "408": "PRK", "410": "KOR",
    "414": "KWT", "417": "KGZ", "418": "LAO", "422": "LBN", "426": "LSO", "428": "LVA", "430": "LBR", "434": "LBY",
    "438": "LIE", "440": "LTU", "442": "LUX", "446": "MAC", "450": "MDG", "454": "MWI", "458": "MYS", "462": "MDV",
    "466": "MLI", "470": "MLT", "478": "MRT", "480": "MUS", "492": "MCO", "496": "MNG", "498": "MDA", "499": "MNE",
    "500": "MSR", "504": "MAR", "508": "MOZ", "512": "OMN", "516": "NAM", "520": "NRU", "524": "NPL", "528": "NLD",
    "531": "CUW", "533": "ABW", "534": "SXM", "540": "NCL", "548": "VUT", "554": "NZL", "562": "NER", "566": "NGA",
    "574": "NFK", "578": "NOR", "580": "MNP", "583": "FSM", "584": "MHL", "585": "PLW", "586": "PAK", "598": "PNG",
    "600": "PRY", "604": "PER", "608": "PHL", "616": "POL", "620": "PRT", "624": "GNB", "626": "TLS", "630": "PRI",
    "634": "QAT", "642": "ROU", "643": "RUS", "646": "RWA", "652": "BLM", "654": "SHN", "659": "KNA", "660": "AIA",
    "662": "LCA", "663": "MAF", "666": "SPM", "670": "VCT", "674": "SMR", "678": "STP", "682": "SAU", "686": "SEN",
    "688": "SRB", "690": "SYC", "694": "SLE", "702": "SGP", "703": "SVK", "704": "VNM", "705": "SVN", "706": "SOM",
    "710": "ZAF", "716": "ZWE", "724": "ESP", "728": "SSD", "729": "SDN", "732": "ESH", "740": "SUR", "748": "SWZ",
    "752": "SWE", "756": "CHE", "760": "SYR", "762": "TJK", "764": "THA", "768": "TGO", "780": "TTO", "784": "ARE",
    "788": "TUN", "792": "TUR", "795": "TKM", "796": "TCA", "800": "UGA", "804": "UKR", "807": "MKD", "818": "EGY",
    "826": "GBR", "831": "GGY", "832": "JEY", "833": "IMN", "834": "TZA", "840": "USA", "850": "VIR", "854": "BFA",
    "858": "URY", "860": "UZB", "862": "VEN", "887": "YEM", "894": "ZMB",
}

# --------------------------------------------------------------------------------------------
# Map labels: the `label` attribute that geodata/style.toml draws. Short English names for the map; `name`
# keeps the full name. `label_fa`: the usual Persian form, only for Iran-region features where the data engineer
# is sure of it (None otherwise). Added by the data engineer (not in the fact sheet).
# (feature id: (label, label_fa))
# --------------------------------------------------------------------------------------------
LABELS = {
    # instc_nodes
    "n01": ("JNPT (Nhava Sheva)", None), "n02": ("Mumbai", None),
    "n03": ("Shahid Rajaee Port", "بندر شهید رجایی"), "n04": ("Bandar Abbas", "بندرعباس"),
    "n05": ("Tehran", "تهران"), "n06": ("Qazvin", "قزوین"), "n07": ("Rasht", "رشت"),
    "n08": ("Astara (Iran)", "آستارا"), "n09": ("Astara (Azerbaijan)", None), "n10": ("Baku", None),
    "n11": ("Alat port (Baku)", None), "n12": ("Yalama", None), "n13": ("Samur", None), "n14": ("Derbent", None),
    "n15": ("Makhachkala", None), "n16": ("Astrakhan", None), "n17": ("Solyanka", None), "n18": ("Olya", None),
    "n19": ("Moscow", None), "n20": ("St Petersburg", None), "n21": ("Bandar Anzali", "بندر انزلی"),
    "n22": ("Amirabad Port", "بندر امیرآباد"), "n23": ("Nowshahr", "نوشهر"), "n24": ("Chabahar", "چابهار"),
    "n25": ("Zhanaozen", None), "n26": ("Bereket", None), "n27": ("Etrek", None), "n28": ("Gorgan", "گرگان"),
    "n29": ("Sarakhs", "سرخس"), "n30": ("Aktau", None),
    "n31": ("Turkmenbashi port", None), "n32": ("Caspian Port (Anzali FZ)", "بندر کاسپین"),
    "n33": ("Chekhov", None), "n34": ("Mashhad", "مشهد"), "n35": ("Bolashak", None), "n36": ("Serhetyaka", None),
    "n37": ("Akyayla", None), "n38": ("Incheh Borun", "اینچه‌برون"),
    # railway_stations (all in Gilan and Qazvin provinces)
    "st_qazvin": ("Qazvin", "قزوین"), "st_loshan": ("Loshan", "لوشان"), "st_manjil": ("Manjil", "منجیل"),
    "st_rudbar": ("Rudbar", "رودبار"), "st_rostamabad": ("Rostamabad", "رستم\u200cآباد"),
    "st_emamzadeh": ("Emamzadeh Hashem", "امامزاده هاشم"),
    "st_rasht": ("Rasht", "رشت"), "st_rezvanshahr": ("Rezvanshahr", "رضوانشهر"),
    "st_parehsar": ("Pareh Sar", "پره\u200cسر"), "st_asalem": ("Asalem", "اسالم"),
    "st_hashtpar": ("Hashtpar (Talesh)", "هشتپر"), "st_lisar": ("Lisar", "لیسار"), "st_havigh": ("Havigh", "حویق"),
    "st_lavandevil": ("Lavandevil", "لوندویل"), "st_astara": ("Astara", "آستارا"),
    # railways
    "rw01": ("Qazvin–Rasht", "قزوین–رشت"), "rw02": ("Rasht–Caspian Port", "رشت–بندر کاسپین"),
    "rw03": ("Rasht–Astara (planned)", "رشت–آستارا"), "rw04": ("Astara–Astara (1520 mm)", None),
    "rw05": ("Astara–Baku–Yalama", None), "rw06": ("Chabahar–Zahedan (u/c)", "چابهار–زاهدان"),
    # islands
    "i01": ("Abu Musa", "ابوموسی"), "i02": ("Greater Tunb", "تنب بزرگ"), "i03": ("Lesser Tunb", "تنب کوچک"),
    # energy_fields
    "f01": ("South Pars / North Dome", "پارس جنوبی"), "f02": ("Kish gas field", "میدان گازی کیش"),
    "f03": ("North Pars gas field", "پارس شمالی"), "f04": ("Asaluyeh hub", "عسلویه"),
    "f05": ("NS1 ruptures (26 Sep 2022)", None), "f06": ("NS2 rupture (26 Sep 2022)", None),
    # energy_pipelines
    "p01": ("Russia–Iran gas (proposed)", None), "p02": ("IGAT-1", "خط لوله سراسری گاز ۱"),
    "p02t": ("IGAT-1 Tehran spur", None), "p03": ("IGAT-7", "خط لوله سراسری گاز ۷"),
    "p04": ("IP pipeline (Iranshahr–border)", "خط لوله صلح"), "p05": ("IP pipeline (Pakistan, unbuilt)", None),
    "p06": ("Nord Stream 1", None), "p07": ("Nord Stream 2", None),
    # instc_routes (second pass: every route is named on the map)
    "r01": ("INSTC sea leg", None), "r02": ("Bandar Abbas–Tehran rail", "راه‌آهن بندرعباس–تهران"),
    "r03a": ("Tehran–Qazvin–Rasht rail", None), "r03b": ("Rasht–Astara (missing link)", "رشت–آستارا"),
    "r03c": ("Astara–Astara link", None), "r04": ("Astara–Baku–Yalama rail", None),
    "r05": ("Yalama–Moscow–St Petersburg", None),
    "r06a": ("Caspian ferry", None), "r06b": ("Caspian ferry", None), "r06c": ("Caspian ferry", None),
    "r06d": ("Caspian ferry", None), "r06e": ("Caspian ferry", None), "r06f": ("Caspian ferry", None),
    "r06g": ("Caspian ferry", None), "r06h": ("Caspian ferry", None), "r06z": ("Volga–Caspian channel", None),
    "r07": ("KZ–TM–Iran railway (2014)", None), "r08a": ("First RZD train 2022 (KZ–TM)", None),
    "r08b": ("First RZD train 2022 (Iran)", None), "r08c": ("2022 sea leg to Nhava Sheva", None),
    "r09": ("Suez route (comparison)", None), "r10a": ("Alat–Aktau ferry", None),
    "r10b": ("Alat–Turkmenbashi ferry", None), "r10c": ("Aktau–Amirabad lane", None),
}

# Legend names (`legend`) of every route, railway and pipeline: the entry under which a legend lists the feature
# (features that share a symbol share a legend name). Derived from the feature's class by build.py where not
# given here.
LEGEND_ROUTES = {
    "r01": "INSTC sea leg", "r02": "INSTC rail (operational)", "r03a": "INSTC rail (operational)",
    "r03b": "INSTC missing link (planned)", "r03c": "INSTC rail (operational)", "r04": "INSTC rail (operational)",
    "r05": "INSTC rail (operational)", "r06": "Caspian ferry lanes", "r06z": "Volga–Caspian channel",
    "r07": "INSTC eastern branch (rail)", "r08": "First RZD container train (Jul 2022)", "r08c": "INSTC sea leg",
    "r09": "Suez route (comparison)", "r10": "Caspian ferry lanes",
}
LEGEND_RAILWAYS = {"operational": "Railway (operational)", "planned": "Railway (planned)",
                   "under construction": "Railway (under construction)"}
LEGEND_PIPELINES = {"operational": "Gas pipeline (operating)", "proposed": "Gas pipeline (proposed)",
                    "built": "Gas pipeline (built, not verified in service)", "unbuilt": "Gas pipeline (unbuilt)",
                    "damaged": "Gas pipeline (damaged 2022)"}

# --------------------------------------------------------------------------------------------
# Dates as data (second pass): every thematic feature carries ISO 8601 dates — full ("2018-05-14") or partial
# ("2018-05", "1992") where the sources give no more — in the fields agreed, opened, planned, closed, damaged and
# event (null where they do not apply), and status_as_of, the date of the latest source the feature's status
# rests on. `event` is a one-off that is not a line opening (a first train, a seizure, a sanctions change).
# --------------------------------------------------------------------------------------------
DATE_FIELDS = ("agreed", "opened", "planned", "closed", "damaged", "event")
STATUS_AS_OF_DEFAULT = "2026-01"       # the fact sheet's latest sources (S26, S27: Jan 2026)
DATES = {
    # instc_nodes
    "n01": dict(opened="1989-05-26"), "n04": dict(opened="1995"), "n08": dict(opened="2018-03-29"),
    "n09": dict(opened="2018-03-29"),
    "n11": dict(opened="2018-05-14"), "n17": dict(event="2022-06"),
    "n24": dict(agreed="2024-05-13", event="2025-09-29", status_as_of="2025-10-30"),
    "n29": dict(event="2022-07-12"), "n31": dict(opened="2018-05-02"), "n32": dict(),
    "n33": dict(event="2022-07-06"), "n35": dict(opened="2013-05-11"), "n36": dict(opened="2013-05-11"),
    "n37": dict(opened="2014-12-03"), "n38": dict(opened="2014-12-03"), "n25": dict(opened="2014-12-03"),
    "n26": dict(opened="2014-12-03"), "n27": dict(opened="2014-12-03"), "n28": dict(opened="2014-12-03"),
    # railway_stations
    **{k: dict(opened="2019-03-06") for k in ("st_qazvin", "st_loshan", "st_manjil", "st_rudbar", "st_rostamabad",
                                              "st_emamzadeh", "st_rasht")},
    **{k: dict(agreed="2023-05-17") for k in ("st_rezvanshahr", "st_parehsar", "st_asalem", "st_hashtpar",
                                              "st_lisar", "st_havigh", "st_lavandevil", "st_astara")},
    # instc_routes
    "r02": dict(opened="1995"), "r03a": dict(opened="2019-03-06"), "r03b": dict(agreed="2023-05-17"),
    "r03c": dict(opened="2018-03-29"), "r07": dict(agreed="2007", opened="2014-12-03"),
    "r08a": dict(event="2022-07-06", status_as_of="2022-08-05"),
    "r08b": dict(event="2022-07-12", status_as_of="2022-08-05"),
    "r08c": dict(event="2022-07", status_as_of="2022-08-05"),
    # railways
    "rw01": dict(opened="2019-03-06"), "rw02": dict(opened="2024-06-20"), "rw03": dict(agreed="2023-05-17"),
    "rw04": dict(opened="2018-03-29"),
    # islands
    "i01": dict(agreed="1971-11-29", event="1992"), "i02": dict(event="1971-11-30"),
    "i03": dict(event="1971-11-30"),
    # energy_fields
    "f01": dict(opened="1989"), "f02": dict(agreed="2023-02"), "f03": dict(agreed="2022-07-19"),
    "f05": dict(damaged="2022-09-26", status_as_of="2022-11-18"), "f06": dict(damaged="2022-09-26",
                                                                              status_as_of="2022-11-18"),
    # energy_pipelines
    "p01": dict(agreed="2024-06", status_as_of="2025-08"), "p02": dict(opened="1970-10"), "p02t": dict(opened="1970"),
    "p03": dict(opened="2010-08-23"), "p05": dict(agreed="2024-02-23"),
    "p06": dict(opened="2011-11-08", closed="2022-08", damaged="2022-09-26"),
    "p07": dict(event="2021-09-10", damaged="2022-09-26"),
}
# basemap_countries: `label` is the Natural Earth short name (`name`) unless overridden here (by NE name)
# Map labels of basemap_countries by NE name, where the NE short name is not the label: current official short
# names (North Macedonia since the Prespa agreement took effect, 12 Feb 2019, S146; Türkiye at the UN since
# 1 Jun 2022, S147) and the modern English spelling of the Faroe Islands.
COUNTRY_LABELS = {"United States of America": "United States", "Macedonia": "North Macedonia", "Turkey": "Türkiye",
                  "Faeroe Is.": "Faroe Is."}
# basemap_countries `label_fa` (by ISO alpha-3): Iran, its neighbours and the corridor's partners only
COUNTRY_LABEL_FA = {
    "IRN": "ایران", "AFG": "افغانستان", "PAK": "پاکستان", "TKM": "ترکمنستان", "AZE": "جمهوری آذربایجان",
    "ARM": "ارمنستان", "TUR": "ترکیه", "IRQ": "عراق", "KWT": "کویت", "SAU": "عربستان سعودی", "BHR": "بحرین",
    "QAT": "قطر", "ARE": "امارات متحده عربی", "OMN": "عمان", "RUS": "روسیه", "KAZ": "قزاقستان",
    "UZB": "ازبکستان", "TJK": "تاجیکستان", "KGZ": "قرقیزستان", "GEO": "گرجستان", "IND": "هند", "CHN": "چین",
    "SYR": "سوریه",
}

# §2 INSTC member / participating states: (status text, source, confidence)
INSTC = {
    "IND": ("founder (2000)", "S3;S4", "H"),
    "IRN": ("founder (2000); depositary", "S3", "H"),
    "RUS": ("founder (2000)", "S3", "H"),
    "AZE": ("member (request approved 2004; joined 2005)", "S5;S6", "H"),
    "ARM": ("member (2004)", "S5;S3", "H"),
    "KAZ": ("member (listed by 2004)", "S5;S3", "H"),
    "BLR": ("member (listed by 2004)", "S5;S3", "H"),
    "OMN": ("member (listed by 2004)", "S5;S3", "H"),
    "TJK": ("member (listed by 2004)", "S5;S3", "H"),
    "SYR": ("member per PMO Iran (2004); missing from the 2023 \"13 ratified\" list", "S5;S3;S6", "M"),
    "KGZ": ("member (request pending 2004; listed later)", "S5;S3", "H"),
    "TUR": ("member (request pending 2004; listed later)", "S3;S6", "H"),
    "UKR": ("listed as a member (PMO Iran) and as a ratifier (2023); current participation doubtful", "S3;S6", "M"),
    "BGR": ("observer (PMO Iran); a 2023 Trend/Lavrov item lists it among ratifiers", "S3;S6", "M"),
    "TKM": ("accession approved by the founders (IRNA, about 2022–23); not in older lists", "S-irna-de", "L"),
}
INSTC_FOUNDING = ("agreement signed 12 Sep 2000 in St Petersburg (S4, S3); Wikipedia says \"signed 16 May 2002\" "
                  "(meaning unverified, S2)")

# §7 SCO: member since (text), source S73
SCO = {
    "CHN": "2001-06-15 (founder)", "RUS": "2001-06-15 (founder)", "KAZ": "2001-06-15 (founder)",
    "KGZ": "2001-06-15 (founder)", "TJK": "2001-06-15 (founder)", "UZB": "2001-06-15 (founder)",
    "IND": "2017-06-09", "PAK": "2017-06-09", "IRN": "2023-07-04",
    "BLR": "2024-07-04 (one secondary site says 8 Aug 2024)",
}
SCO_OBSERVERS = {"MNG": "observer (2004)", "AFG": "observer (2012)"}
# §7 BRICS: member since (text), source S74
BRICS = {
    "BRA": "2006 (BRIC formed; first summit 2009)", "RUS": "2006 (BRIC formed; first summit 2009)",
    "IND": "2006 (BRIC formed; first summit 2009)", "CHN": "2006 (BRIC formed; first summit 2009)",
    "ZAF": "2010", "EGY": "2024-01-01", "ETH": "2024-01-01", "IRN": "2024-01-01", "ARE": "2024-01-01",
    "IDN": "2025-01-06", "SAU": "invited 2023; membership not formalized (participates)",
}


# ---------------------------------------------------------------------------------------------- basemap (issue 10)
# INSTC rows whose participation is doubtful (the fact sheet, §2): their `instc_class` is "member (doubtful)", not
# "member", and `notes` says why. Ukraine: listed by PMO Iran and in the 2023 ratifier list, but at war with a
# founder (Russia) since 2022; no sign of participation since.
INSTC_DOUBTFUL = {
    "UKR": "INSTC: listed as a member (PMO Iran, S3) and as a ratifier (Trend/Lavrov 2023, S6), but at war with the "
           "founder Russia since Feb 2022; no participation is reported since; the fact sheet calls it doubtful",
}

# NE admin-0 units that are not countries and are merged into the country they belong to (NE name -> (NE name of
# the country, note, source)). Baikonur: Kazakh territory leased to Russia (1994 agreement, lease to 2050).
MERGED_UNITS = {
    "Baikonur": ("Kazakhstan", "includes Baikonur (the cosmodrome and town): Kazakh territory leased to Russia under "
                               "the 1994 agreement, extended in 2004 to 2050; NE draws it as a unit of its own", "S148"),
    "Siachen Glacier": ("India", "includes the Siachen Glacier (NE draws it as a unit of its own): administered by "
                                 "India since 1984, claimed by Pakistan; see basemap_disputed d03", "S145"),
}

# Disputed areas (basemap_disputed) and the two points of view of basemap_countries. `area` says how the polygon is
# derived, from offline data only:
#   ("part", NE country, box)      the polygons of that NE country that lie wholly inside the lon/lat box
#   ("unit", NE name)              an NE admin-0 unit as it is
#   ("minus-dcw", NE country, DCW code, box)   the NE country minus its DCW-GMT outline, inside the box
#   ("and-dcw", NE country, DCW code)          the NE country's part inside a DCW-GMT outline
# de_jure: the ISO3 the UN-recognised (default) view gives the area to, or None where the UN assigns it to no
# one (the country fills then follow the administering state in both views); administered_by: ISO3 of the
# de-facto side (or the NE unit's own name).
DISPUTED_AREAS = [
    dict(id="d01", name="Crimea (Autonomous Republic of Crimea and Sevastopol)", label="Crimea", label_fa="کریمه",
         area=("part", "Russia", (32.0, 44.2, 36.72, 46.3)), de_jure="UKR", administered_by="RUS",
         claimants="Ukraine; Russia", since="2014-03-18",
         un_position="UNGA res. 68/262 (27 Mar 2014): affirms Ukraine's territorial integrity and calls the "
                     "March 2014 referendum invalid",
         source="S142;NE", confidence="H",
         notes="Russia annexed Crimea on 18 Mar 2014; NE 4.1 draws it inside Russia. The polygon is the part of "
               "NE's Russia west of the Kerch Strait"),
    dict(id="d02", name="Golan Heights", label="Golan Heights", label_fa="بلندی‌های جولان",
         area=("minus-dcw", "Israel", "IL", (35.5, 32.6, 36.0, 33.4)), de_jure="SYR", administered_by="ISR",
         claimants="Syria; Israel", since="1967-06-10",
         un_position="UNSC res. 497 (17 Dec 1981): Israel's imposition of its laws on the occupied Syrian Golan "
                     "Heights is null and void",
         source="S143;NE;S141", confidence="M",
         notes="occupied by Israel since June 1967, Israeli law applied 14 Dec 1981; NE 4.1 draws it inside "
               "Israel. The polygon is NE's Israel minus the DCW-GMT outline of Israel (which leaves the Golan out); "
               "its west edge is therefore DCW's 1949/1923 line, within a few hundred metres"),
    dict(id="d03", name="Siachen Glacier", label="Siachen", label_fa="سیاچن",
         area=("unit", "Siachen Glacier"), de_jure=None, administered_by="IND",
         claimants="India; Pakistan", since="1984-04-13",
         un_position="part of the former princely state of Jammu and Kashmir, whose status the UN treats as "
                     "disputed (UNSC res. 47, 1948; UNMOGIP)",
         source="S145;NE", confidence="M",
         notes="NE admin-0 unit; held by India since Operation Meghdoot (1984), beyond the end of the 1972 Line of "
               "Control (NJ9842)"),
    dict(id="d04", name="Jammu and Kashmir and Ladakh (administered by India)", label="Jammu and Kashmir", label_fa="جامو و کشمیر",
         area=("and-dcw", "India", "IN.JK"), de_jure=None, administered_by="IND",
         claimants="India; Pakistan (all of it); China (parts of eastern Ladakh)", since="1947-10-27",
         un_position="disputed; the UN has made no award of sovereignty (UNSC res. 47, 1948; UNMOGIP observes the "
                     "Line of Control)",
         source="S145;S141;NE", confidence="M",
         notes="the Indian-administered part of the former princely state (the union territories of Jammu and "
               "Kashmir and of Ladakh since 2019), from the DCW-GMT outline of the former state, cut to NE India. "
               "NOT drawn for want of an offline outline: the Pakistani-administered part (Azad Kashmir, "
               "Gilgit-Baltistan) and the Chinese-administered Aksai Chin and Shaksgam valley, which India claims; "
               "the country borders there are NE's Line of Control and Line of Actual Control"),
    dict(id="d05", name="Northern Cyprus", label="N. Cyprus", label_fa="قبرس شمالی",
         area=("unit", "N. Cyprus"), de_jure="CYP", administered_by="N. Cyprus",
         claimants="Cyprus; the Turkish Cypriot administration (recognised only by Türkiye)", since="1974-08-16",
         un_position="UNSC res. 541 (18 Nov 1983): the 1983 declaration of a state is legally invalid",
         source="S149;NE", confidence="H",
         notes="NE admin-0 unit 'N. Cyprus'; the UN buffer zone is NE's 'Cyprus U.N. Buffer Zone'"),
]
# Ukraine's areas occupied by Russia since 2014/2022 outside Crimea: not drawn (see UKRAINE_OCCUPIED_NOTE).
UKRAINE_OCCUPIED_NOTE = (
    "Parts of the Donetsk, Luhansk, Zaporizhzhia and Kherson oblasts are occupied by Russia (Donetsk/Luhansk "
    "partly since 2014, more since Feb 2022); Russia claimed to annex the four oblasts on 30 Sep 2022, which UNGA "
    "res. ES-11/4 (12 Oct 2022) declares invalid. They are NOT drawn: this build has no offline, citable line of "
    "control, and the front line moves; the polygon is Ukraine's de jure territory")

# GSHHG level-2 bodies that are drawn as sea, not as lakes: seed points inside them.
SEA_LAKE_SEEDS = [("Caspian Sea", 51.5, 42.0)]
# The disputed Gulf islands are drawn once, by islands.geojson: their GSHHG land leaves basemap_land and every
# country polygon. A point on each island (Greater Tunb: the corrected centroid of issue 10 #16).
CUT_ISLANDS = [("Abu Musa", 55.03, 25.875), ("Greater Tunb", 55.3044, 26.2625), ("Lesser Tunb", 55.145, 26.24)]

# Named lakes of basemap_water: (id, name, label, label_fa, lon, lat, source, note). The point must lie in the lake
# as drawn (the build fails otherwise); points after the WP infoboxes (S150), moved into the GSHHG outline where
# needed. The Aral's GSHHG outline is its 1960 extent: it is drawn as a former extent (FORMER_EXTENT_LAKES).
LAKES = [
    ("w01", "Lake Urmia", "Lake Urmia", "دریاچه ارومیه", 45.45, 37.70, "S150",
     "GSHHG full-basin outline; the lake has shrunk greatly since the 1990s and was largely dry in 2023–2025"),
    ("w02", "Lake Sevan", "Lake Sevan", "دریاچه سوان", 45.30, 40.40, "S150", None),
    ("w03", "Lake Van", "Lake Van", "دریاچه وان", 42.90, 38.65, "S150", "GSHHG intermediate resolution"),
    ("w04", "Aral Sea (1960 extent)", "Aral Sea", "دریاچه آرال", 61.00, 46.40, "S150",
     "GSHHG outline of the 1960s sea (about 67,500 km2); it has shrunk to about a tenth since (the North Aral is "
     "held by the Kokaral dam since 2005, the South Aral's eastern basin has been dry since 2014); no offline outline "
     "of today's extent was available, so `kind` is 'former extent' and the style draws it paler and dashed. The "
     "point is in the North Aral, which is water today"),
    ("w05", "Lake Ladoga", "Lake Ladoga", "دریاچه لادوگا", 31.50, 61.00, "S150", "GSHHG intermediate resolution"),
    ("w06", "Lake Onega", "Lake Onega", "دریاچه اونگا", 35.50, 61.70, "S150", "GSHHG intermediate resolution"),
    ("w07", "Anzali Lagoon (Anzali Mordab)", "Anzali Lagoon", "تالاب انزلی", 49.40, 37.45, "S150",
     "GSHHG full outline; it shows the open-water core only, the wetland is larger"),
    ("w08", "Lake Balkhash", "Lake Balkhash", "دریاچه بالخاش", 74.50, 46.30, "S150", "GSHHG intermediate resolution"),
    ("w09", "Lake Issyk-Kul", "Issyk-Kul", "دریاچه ایسیک‌کول", 77.30, 42.45, "S150", "GSHHG intermediate resolution"),
]

# Names of seas and straits (basemap_sea_labels): (id, label, label_fa, lon, lat, source[, further points]). Names
# after IHO S-23 (S151; "Persian Gulf" as the UN uses it, S152); the points are label positions chosen in open water
# [derived], Hormuz the fact sheet's point (S77). Further points make the feature a MultiPoint: the map names it at
# the first point where the name is free (the Caspian's middle is crossed by the corridor's lanes and named ports at
# small scales; its north is open water).
SEA_LABELS = [
    ("sl01", "Caspian Sea", "دریای خزر", 51.2, 41.4, "S151;derived", [(49.8, 44.8)]),
    ("sl02", "Persian Gulf", "خلیج فارس", 49.1, 28.7, "S151;S152;derived"),
    ("sl03", "Strait of Hormuz", "تنگه هرمز", 56.5, 26.6, "S151;S77"),
    ("sl04", "Gulf of Oman", "دریای عمان", 58.6, 24.6, "S151;derived"),
    ("sl05", "Arabian Sea", "دریای عرب", 64.0, 18.0, "S151;derived"),
    ("sl06", "Black Sea", "دریای سیاه", 34.0, 43.3, "S151;derived"),
    ("sl07", "Red Sea", "دریای سرخ", 38.6, 20.2, "S151;derived"),
    ("sl08", "Mediterranean Sea", "دریای مدیترانه", 18.0, 34.5, "S151;derived"),
    ("sl09", "Gulf of Aden", "خلیج عدن", 48.0, 12.5, "S151;derived"),
    ("sl10", "Sea of Azov", "دریای آزوف", 36.5, 46.1, "S151;derived"),
    ("sl11", "Baltic Sea", "دریای بالتیک", 19.0, 55.8, "S151;derived"),
    ("sl12", "Bay of Bengal", "خلیج بنگال", 88.0, 15.0, "S151;derived"),
]
# Lakes whose GSHHG outline is a former extent, not today's (basemap_water `kind` = "former extent")
FORMER_EXTENT_LAKES = {"w04"}
# GSHHG full-resolution lakes of the focus region smaller than this (km²) are left out (ponds; file size)
FOCUS_LAKE_MIN_KM2 = 1.0
