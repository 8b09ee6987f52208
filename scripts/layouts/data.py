# -*- coding: utf-8 -*-
"""Name/address/product pools for the new-layout evaluation set (all fictitious)."""

LT_WORDS = ["Baltijos logistika", "Medžio meistrai", "Šiaurės vėjas", "Žalioji energija",
            "Nemuno krantas", "Ąžuolo baldai", "Kopų projektai", "Saulės elektra",
            "Vilniaus spaustuvė", "Dzūkijos medis", "Rytų tinklai", "Aukštaitijos pienas",
            "Gintarinė kava", "Miesto ritmas", "Statybų sprendimai", "Verslo idėjos",
            "Žemaitijos keliai", "Lino namai", "Pajūrio technika", "Šviesos linija",
            "Kuršių vėtrungė", "Elektros srovė", "Neries vingis", "Vėjų malūnas"]
LT_SURNAMES = ["Kazlausko", "Petrausko", "Jankausko", "Stankevičiaus", "Vasiliausko",
               "Žukausko", "Butkaus", "Paulausko", "Urbono", "Kavaliausko"]
LT_PEOPLE = ["Rūta Kazlauskienė", "Tomas Petrauskas", "Ieva Jankauskaitė", "Mindaugas Žukauskas",
             "Giedrė Butkienė", "Darius Urbonas", "Aistė Paulauskienė", "Šarūnas Vasiliauskas"]
LT_STREETS = ["Gedimino pr.", "Savanorių pr.", "Laisvės al.", "Vilniaus g.", "Kauno g.",
              "Pramonės g.", "Taikos pr.", "Ukmergės g.", "Žalgirio g.", "Liepų g.", "Šilo g.",
              "Ąžuolyno g.", "J. Basanavičiaus g.", "Mindaugo g.", "Draugystės g.", "Kalvarijų g.",
              "Verkių g.", "Sodų g.", "Smėlio g.", "Statybininkų pr."]
LT_CITIES = [("Vilnius", "0"), ("Vilnius", "1"), ("Kaunas", "4"), ("Kaunas", "5"), ("Klaipėda", "9"),
             ("Šiauliai", "7"), ("Panevėžys", "3"), ("Alytus", "6"), ("Marijampolė", "6"),
             ("Utena", "2"), ("Telšiai", "8"), ("Mažeikiai", "8"), ("Jonava", "5")]
LT_BANKS = [("AB SEB bankas", "CBVILT2X", "70440"), ("„Swedbank“, AB", "HABALT22", "73000"),
            ("AB Šiaulių bankas", "CBSBLT26", "71800"), ("Luminor Bank AS Lietuvos skyrius", "AGBLLT2X", "40100"),
            ("UAB Medicinos bankas", "MDBALT22", "72300"), ("Revolut Bank UAB", "REVOLT21", "32500")]
LT_MONTHS = ["sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos",
             "rugpjūčio", "rugsėjo", "spalio", "lapkričio", "gruodžio"]

# (description, unit, price range, decimal qty allowed)
LT_ITEMS = {
    "21": [("Konsultacinės paslaugos", "val.", (35, 95), True),
           ("Programavimo darbai", "val.", (40, 85), True),
           ("Biuro popierius A4, 500 lapų", "pak.", (3.2, 5.9), False),
           ("Monitorius Dell P2723DE, 27 colių", "vnt.", (289, 420), False),
           ("Kabelis NYM 3×1,5 mm²", "m", (0.65, 1.4), True),
           ("Cementas CEM II 42,5 N, 25 kg", "maiš.", (4.2, 6.8), False),
           ("Krovinių pervežimas Vilnius–Kaunas", "reis.", (120, 260), False),
           ("Fasadiniai dažai „Sadolin“, 10 l", "vnt.", (48, 89), False),
           ("Apsauginės pirštinės, nitrilinės", "por.", (1.1, 3.5), False),
           ("Kompiuterinės technikos remontas", "val.", (25, 45), True),
           ("Serverio priežiūra ir atsarginės kopijos", "mėn.", (90, 350), False),
           ("Medienos granulės 6 mm", "t", (210, 290), True),
           ("Varžtai M8×40, cinkuoti, 100 vnt.", "pak.", (6.5, 12.9), False),
           ("Keraminės plytelės 60×60 cm, pilkos", "m²", (14.9, 32.5), True),
           ("Dyzelinas", "l", (1.35, 1.62), True),
           ("Šaldytuvas „Beko“ RCNA406, 2 m", "vnt.", (389, 520), False),
           ("Interneto svetainės priežiūra", "mėn.", (49, 180), False),
           ("Buhalterinės apskaitos paslaugos už kovo mėn.", "mėn.", (180, 650), False),
           ("Elektros instaliacijos darbai", "val.", (22, 38), True),
           ("Kavos pupelės „Gintarinė“, 1 kg", "kg", (14.5, 24.9), True),
           ("Stalas biuro, 160×80 cm, ąžuolo lukštas", "vnt.", (210, 390), False)],
    "9": [("Knyga „Lietuvos istorijos atlasas“", "vnt.", (18, 39), False),
          ("Šilumos energija", "MWh", (58, 96), True),
          ("Apgyvendinimo paslaugos (dviviečiai kambariai)", "nakt.", (55, 110), False),
          ("Žurnalo „Verslo žinios“ prenumerata", "mėn.", (12, 25), False)],
    "5": [("Kompensuojamieji vaistai", "pak.", (3.5, 19.9), False),
          ("Ortopedinis kelio įtvaras", "vnt.", (35, 89), False)],
    "0": [("Tarptautinis krovinių vežimas Kaunas–Hamburgas", "reis.", (850, 1450), False),
          ("Prekių eksportas – medienos briketai", "t", (160, 220), True)],
}

DA_WORDS = ["Nordisk Træ", "Hansen & Møller", "Østjysk VVS", "Kjærsgaard Tømrer", "Fynsk Kaffe",
            "Holm Elektro", "Vestkystens Maling", "Bech IT", "Lykke Rengøring", "Skovgaard Entreprise",
            "Dalsgaard Grafisk", "Søby Transport", "Aagaard & Sønner", "Brøndum Kontorudstyr",
            "Thygesen Anlæg", "Lillebælt Catering"]
DA_FORMS = [" ApS", " A/S", " ApS", " I/S"]
DA_STREETS = ["Vesterbrogade", "Nørregade", "Østergade", "Søndergade", "Algade", "Hovedgaden",
              "Industrivej", "Havnevej", "Skolevej", "Kirkevej", "Åboulevarden", "Frederiksberg Allé",
              "Ryesgade", "Glentevej", "Bøgevej", "Tværgade", "Håndværkervej"]
DA_CITIES = [("1620", "København V"), ("8000", "Aarhus C"), ("5000", "Odense C"), ("9000", "Aalborg"),
             ("7100", "Vejle"), ("6700", "Esbjerg"), ("4000", "Roskilde"), ("8600", "Silkeborg"),
             ("2800", "Kongens Lyngby"), ("3400", "Hillerød"), ("6000", "Kolding"), ("8700", "Horsens"),
             ("7400", "Herning"), ("2300", "København S"), ("4700", "Næstved"), ("8900", "Randers C")]
DA_BANKS = [("Danske Bank", "DABADKKK", "3"), ("Nordea", "NDEADKKK", "2"), ("Jyske Bank", "JYBADKKK", "7"),
            ("Sydbank", "SYBKDK22", "8"), ("Spar Nord", "SPNODK22", "9")]
DA_PEOPLE = ["Mette Kjær", "Lars Holm", "Sofie Dam", "Jens Thygesen", "Anne Brøndum", "Mikkel Aagaard"]
DA_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
             "oktober", "november", "december"]
DA_ITEMS = {
    "25": [("Konsulentbistand", "timer", (650, 1150), True),
           ("Tømrerarbejde", "timer", (425, 560), True),
           ("Kørsel", "km", (3.51, 4.2), True),
           ("Fliseklæb, 20 kg", "sæk", (189, 265), False),
           ("Gipsplade 12,5 mm, 900×2400", "stk.", (69, 98), False),
           ("Kontorstol, ergonomisk, sort", "stk.", (1895, 3450), False),
           ("Serviceaftale, IT-drift", "md.", (1290, 4500), False),
           ("Rengøring af kontorlokaler", "timer", (295, 380), True),
           ("Trykte foldere A5, 4 farver", "stk.", (1.25, 3.4), False),
           ("Malerarbejde, indvendigt", "m²", (89, 145), True),
           ("Kobberrør 15 mm", "m", (62, 95), True),
           ("Kaffebønner, økologiske", "kg", (189, 289), True),
           ("Webhosting og domæne", "md.", (99, 349), False),
           ("Arbejdsløn, elektriker", "timer", (495, 640), True),
           ("Småmaterialer og forbrugsvarer", "stk.", (150, 900), False),
           ("Frokostordning, buffet", "kuvert", (95, 165), False),
           ("Leje af minigraver inkl. fører", "dage", (3900, 5600), True)],
    "0": [("Avisabonnement, Jyllands-Posten", "md.", (349, 449), False)],
}

UK_WORDS = ["Ashford Joinery", "Brightwater Consulting", "Hollis & Grant", "Pennine Print",
            "Marlow Office Supplies", "Cobalt Web Studio", "Severn Facilities", "Harbourside Catering",
            "Kestrel IT Services", "Oakridge Building Supplies", "Thames Valley Electrical",
            "Redwood Cleaning", "Fenwick & Shaw", "Lowther Engineering"]
UK_FORMS = [" Ltd", " Limited", " LLP", " Ltd"]
UK_STREETS = ["Market Street", "High Street", "Station Road", "Church Lane", "Victoria Road",
              "Mill Lane", "Queen Street", "King's Road", "Albion Street", "Castle Street"]
UK_PREFIX = ["Unit 4, Meadow Business Park", "Suite 3, Albion House", "2nd Floor, Exchange Building",
             "Unit 12, Riverside Trading Estate"]
UK_CITIES = [("Leeds", "LS1"), ("Bristol", "BS1"), ("Manchester", "M2"), ("York", "YO1"),
             ("Cardiff", "CF10"), ("Glasgow", "G2"), ("Nottingham", "NG1"), ("Sheffield", "S1"),
             ("Reading", "RG1"), ("Norwich", "NR2"), ("Exeter", "EX1"), ("Bath", "BA1")]
UK_BANKS = [("Barclays Bank", "BARCGB22", "BARC"), ("HSBC UK", "HBUKGB4B", "HBUK"),
            ("Lloyds Bank", "LOYDGB2L", "LOYD"), ("NatWest", "NWBKGB2L", "NWBK")]
IE_WORDS = ["Shannon Print", "Liffey Data Services", "Corrib Facilities", "Atlantic Seafoods",
            "Wicklow Joinery", "Burren Consulting", "Emerald Office Supplies", "Slaney Electrical",
            "Boyne Valley Foods", "Moher Engineering"]
IE_FORMS = [" Ltd", " Limited", " DAC"]
IE_CITIES = [("Dublin 2", "D02"), ("Cork", "T12"), ("Galway", "H91"), ("Limerick", "V94"),
             ("Waterford", "X91"), ("Kilkenny", "R95"), ("Sligo", "F91"), ("Dublin 8", "D08")]
IE_BANKS = [("AIB", "AIBKIE2D", "AIBK"), ("Bank of Ireland", "BOFIIE2D", "BOFI"), ("PTSB", "IPBSIE2D", "IPBS")]
EN_PEOPLE = ["Sarah Collins", "James Whitfield", "Aoife Brennan", "Tom Hargreaves", "Niamh O'Sullivan", "Priya Patel"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]

UK_ITEMS = {
    "20": [("Consultancy services", "hrs", (65, 145), True),
           ("Website maintenance retainer", "month", (150, 650), False),
           ("Office chair, mesh back, adjustable lumbar support", "each", (129, 289), False),
           ("A4 copier paper, box of 5 reams", "box", (18.5, 27.9), False),
           ("Cat6 network cable, grey", "m", (0.45, 1.1), True),
           ("Plumbing labour", "hrs", (45, 75), True),
           ("Replacement central heating pump", "each", (110, 240), False),
           ("Window cleaning, external and internal", "visit", (45, 120), False),
           ("Courier delivery, next working day", "each", (9.5, 24), False),
           ("Laptop 14in, 16GB RAM, 512GB SSD", "each", (649, 1099), False),
           ("Vinyl flooring supply and fit", "m2", (22, 48), True),
           ("Server rack installation and cable management", "days", (380, 650), True)],
    "5": [("Domestic heating oil (kerosene)", "litre", (0.62, 0.85), True),
          ("Loft insulation installation, residential", "m2", (6.5, 12), True)],
    "0": [("Printed brochures, A4 16pp", "pack", (85, 240), False),
          ("Book: 'Managing Cash Flow for Small Firms'", "each", (14.99, 29.99), False),
          ("Children's school shoes", "pair", (24, 42), False)],
}
IE_ITEMS = {
    "23": [("Consultancy services", "hrs", (75, 150), True),
           ("Website design and build", "days", (450, 750), True),
           ("Office desk, 1600mm, white", "each", (189, 349), False),
           ("Toner cartridge, black, high yield", "each", (59, 129), False),
           ("Software licence, annual", "each", (240, 980), False),
           ("Courier delivery, nationwide", "each", (12, 35), False)],
    "13.5": [("Building repairs and maintenance", "hrs", (48, 72), True),
             ("Office cleaning services", "hrs", (28, 40), True),
             ("Heating oil", "litre", (0.89, 1.15), True),
             ("Car servicing, labour", "hrs", (60, 85), True)],
    "0": [("Printed books: 'Irish Tax Guide 2025'", "each", (39, 65), False),
          ("Children's clothing, school uniform", "each", (15, 35), False)],
}

# receipts: (description, price range VAT-incl, weighed?)
RC = {
    ("lt", "shop"): {"21": [("Duona „Palanga“ 800 g", (1.29, 2.19), False), ("Pienas 2,5 % 1 l", (0.99, 1.39), False),
                          ("Kiaušiniai L, 10 vnt.", (2.49, 3.29), False), ("Sviestas 82 % 200 g", (2.29, 2.99), False),
                          ("Kava „Paulig Presidentti“ 500 g", (6.99, 8.99), False), ("Vištienos filė", (5.49, 7.99), True),
                          ("Bananai", (1.19, 1.59), True), ("Obuoliai „Auksis“", (0.89, 1.49), True),
                          ("Pomidorai", (2.49, 3.99), True), ("Mineralinis vanduo „Vytautas“ 1,5 l", (1.09, 1.49), False),
                          ("Šampūnas 400 ml", (3.49, 5.99), False), ("Varškės sūrelis „Magija“", (0.45, 0.69), False)],
                   "9": [("Knyga „Altorių šešėly“", (12.99, 19.99), False), ("Žurnalas „Moteris“", (2.49, 3.49), False)],
                   "5": [("Vaistai „Ibumetin“ 400 mg, 30 tab.", (3.19, 4.99), False)]},
    ("lt", "cafe"): {"21": [("Kava latte", (2.8, 3.9), False), ("Cepelinai su mėsa", (7.5, 9.9), False),
                          ("Šaltibarščiai su bulvėmis", (5.5, 7.5), False), ("Alus „Švyturys Ekstra“ 0,5 l", (3.5, 4.9), False),
                          ("Gira 0,5 l", (2.0, 3.0), False), ("Kibinas su aviena", (2.8, 3.8), False),
                          ("Varškės pyragas", (3.2, 4.5), False), ("Arbata su citrina", (1.9, 2.9), False)]},
    ("da", "shop"): {"25": [("Rugbrød, Kohberg", (20, 28), False), ("Letmælk 1 l", (10.95, 13.95), False),
                          ("Smør 250 g, Lurpak", (22, 28), False), ("Æbler, danske", (14, 25), True),
                          ("Bananer", (15, 20), True), ("Kaffe, Gevalia 400 g", (35, 50), False),
                          ("Hakket oksekød 8-12 %, 500 g", (40, 55), False), ("Agurk", (6, 10), False),
                          ("Opvaskemiddel, Neutral", (20, 30), False)]},
    ("da", "cafe"): {"25": [("Cappuccino", (38, 48), False), ("Smørrebrød m. æg og rejer", (75, 95), False),
                          ("Fadøl 40 cl", (45, 60), False), ("Kanelsnegl", (25, 35), False),
                          ("Frikadeller m. kartoffelsalat", (110, 140), False), ("Danskvand", (25, 30), False)]},
    ("uk", "shop"): {"0": [("Semi-skimmed milk 2 pints", (1.35, 1.65), False), ("Wholemeal bread 800g", (1.1, 1.6), False),
                          ("Bananas loose", (0.9, 1.2), True), ("Mature cheddar 400g", (3.2, 4.5), False),
                          ("Free range eggs x6", (1.9, 2.6), False)],
                    "20": [("Washing-up liquid 500ml", (1.2, 2.0), False), ("Milk chocolate bar 100g", (1.1, 1.8), False),
                           ("Orange juice 1L", (1.6, 2.5), False), ("Kitchen roll x2", (2.0, 3.2), False)],
                    "5": [("Child car seat, booster", (25, 40), False)]},
    ("uk", "cafe"): {"20": [("Flat white", (2.9, 3.6), False), ("Full English breakfast", (9.5, 12.5), False),
                          ("Bacon roll", (3.9, 5.2), False), ("Sparkling water 330ml", (1.8, 2.5), False),
                          ("Carrot cake slice", (3.2, 4.2), False)]},
    ("ie", "cafe"): {"13.5": [("Soup of the day", (6, 8), False), ("Fish and chips", (15, 19), False),
                            ("Beef and Guinness stew", (17, 22), False), ("Brown bread, side", (3, 4), False)],
                    "23": [("Pint of stout", (5.8, 6.8), False), ("Glass of house wine", (7.5, 9.5), False),
                           ("Soft drink", (2.8, 3.5), False)]},
    ("ie", "shop"): {"0": [("Brown bread loaf", (2, 3), False), ("Milk 2L", (2.1, 2.6), False),
                          ("Potatoes, loose", (1.1, 1.6), True)],
                    "23": [("Washing powder 2kg", (8, 12), False), ("Kitchen roll x4", (2, 4), False)],
                    "13.5": [("Coal briquettes, bale", (5, 8), False)]},
}
