"""Nacionalidad como adjetivo en español, en masculino y femenino, por código ISO del país.

Un escrito dice «de nacionalidad colombiana», no «de nacionalidad Colombia». La tabla cubre
los Estados cuya nacionalidad se puede elegir en los formularios (miembros de la ONU, Estado de
Palestina, Santa Sede y Taiwán); los territorios dependientes no dan una nacionalidad propia y
solo aparecen como país o lugar de nacimiento.
"""

from django_countries import countries

# código: (masculino, femenino)
GENTILICIOS: dict[str, tuple[str, str]] = {
    "AF": ("afgano", "afgana"),  # Afganistán
    "AL": ("albanés", "albanesa"),  # Albania
    "DE": ("alemán", "alemana"),  # Alemania
    "AO": ("angoleño", "angoleña"),  # Angola
    "AG": ("antiguano", "antiguana"),  # Antigua y Barbuda
    "SA": ("saudí", "saudí"),  # Arabia Saudita
    "DZ": ("argelino", "argelina"),  # Argelia
    "AR": ("argentino", "argentina"),  # Argentina
    "AM": ("armenio", "armenia"),  # Armenia
    "AU": ("australiano", "australiana"),  # Australia
    "AT": ("austriaco", "austriaca"),  # Austria
    "AZ": ("azerbaiyano", "azerbaiyana"),  # Azerbaiyán
    "BS": ("bahameño", "bahameña"),  # Bahamas
    "BD": ("bangladesí", "bangladesí"),  # Bangladés
    "BB": ("barbadense", "barbadense"),  # Barbados
    "BH": ("bareiní", "bareiní"),  # Baréin
    "BE": ("belga", "belga"),  # Bélgica
    "BZ": ("beliceño", "beliceña"),  # Belice
    "BJ": ("beninés", "beninesa"),  # Benín
    "BY": ("bielorruso", "bielorrusa"),  # Bielorrusia
    "MM": ("birmano", "birmana"),  # Birmania
    "BO": ("boliviano", "boliviana"),  # Bolivia
    "BA": ("bosnio", "bosnia"),  # Bosnia y Herzegovina
    "BW": ("botsuano", "botsuana"),  # Botsuana
    "BR": ("brasileño", "brasileña"),  # Brasil
    "BN": ("bruneano", "bruneana"),  # Brunéi
    "BG": ("búlgaro", "búlgara"),  # Bulgaria
    "BF": ("burkinés", "burkinesa"),  # Burkina Faso
    "BI": ("burundés", "burundesa"),  # Burundi
    "BT": ("butanés", "butanesa"),  # Bután
    "CV": ("caboverdiano", "caboverdiana"),  # Cabo Verde
    "KH": ("camboyano", "camboyana"),  # Camboya
    "CM": ("camerunés", "camerunesa"),  # Camerún
    "CA": ("canadiense", "canadiense"),  # Canadá
    "QA": ("catarí", "catarí"),  # Catar
    "CZ": ("checo", "checa"),  # Chequia
    "CL": ("chileno", "chilena"),  # Chile
    "CN": ("chino", "china"),  # China
    "CO": ("colombiano", "colombiana"),  # Colombia
    "KM": ("comorense", "comorense"),  # Comoras
    "CG": ("congoleño", "congoleña"),  # Congo
    "KP": ("norcoreano", "norcoreana"),  # Corea del Norte
    "KR": ("surcoreano", "surcoreana"),  # Corea del Sur
    "CI": ("marfileño", "marfileña"),  # Costa de Marfil
    "CR": ("costarricense", "costarricense"),  # Costa Rica
    "HR": ("croata", "croata"),  # Croacia
    "CU": ("cubano", "cubana"),  # Cuba
    "DK": ("danés", "danesa"),  # Dinamarca
    "DM": ("dominiqués", "dominiquesa"),  # Dominica
    "EC": ("ecuatoriano", "ecuatoriana"),  # Ecuador
    "EG": ("egipcio", "egipcia"),  # Egipto
    "SV": ("salvadoreño", "salvadoreña"),  # El Salvador
    "AE": ("emiratí", "emiratí"),  # Emiratos Árabes Unidos
    "ER": ("eritreo", "eritrea"),  # Eritrea
    "SK": ("eslovaco", "eslovaca"),  # Eslovaquia
    "SI": ("esloveno", "eslovena"),  # Eslovenia
    "ES": ("español", "española"),  # España
    "PS": ("palestino", "palestina"),  # Estado de Palestina
    "FM": ("micronesio", "micronesia"),  # Estados Federados de Micronesia
    "US": ("estadounidense", "estadounidense"),  # Estados Unidos
    "EE": ("estonio", "estonia"),  # Estonia
    "ET": ("etíope", "etíope"),  # Etiopía
    "PH": ("filipino", "filipina"),  # Filipinas
    "FI": ("finlandés", "finlandesa"),  # Finlandia
    "FJ": ("fiyiano", "fiyiana"),  # Fiyi
    "FR": ("francés", "francesa"),  # Francia
    "GA": ("gabonés", "gabonesa"),  # Gabón
    "GM": ("gambiano", "gambiana"),  # Gambia
    "GE": ("georgiano", "georgiana"),  # Georgia
    "GH": ("ghanés", "ghanesa"),  # Ghana
    "GD": ("granadino", "granadina"),  # Granada
    "GR": ("griego", "griega"),  # Grecia
    "GT": ("guatemalteco", "guatemalteca"),  # Guatemala
    "GN": ("guineano", "guineana"),  # Guinea
    "GQ": ("ecuatoguineano", "ecuatoguineana"),  # Guinea Ecuatorial
    "GW": ("bisauguineano", "bisauguineana"),  # Guinea-Bisáu
    "GY": ("guyanés", "guyanesa"),  # Guyana
    "HT": ("haitiano", "haitiana"),  # Haití
    "HN": ("hondureño", "hondureña"),  # Honduras
    "HU": ("húngaro", "húngara"),  # Hungría
    "IN": ("indio", "india"),  # India
    "ID": ("indonesio", "indonesia"),  # Indonesia
    "IQ": ("iraquí", "iraquí"),  # Irak
    "IR": ("iraní", "iraní"),  # Irán
    "IE": ("irlandés", "irlandesa"),  # Irlanda
    "IS": ("islandés", "islandesa"),  # Islandia
    "MH": ("marshalés", "marshalesa"),  # Islas Marshall
    "SB": ("salomonense", "salomonense"),  # Islas Salomón
    "IL": ("israelí", "israelí"),  # Israel
    "IT": ("italiano", "italiana"),  # Italia
    "JM": ("jamaiquino", "jamaiquina"),  # Jamaica
    "JP": ("japonés", "japonesa"),  # Japón
    "JO": ("jordano", "jordana"),  # Jordania
    "KZ": ("kazajo", "kazaja"),  # Kazajistán
    "KE": ("keniano", "keniana"),  # Kenia
    "KG": ("kirguís", "kirguisa"),  # Kirguistán
    "KI": ("kiribatiano", "kiribatiana"),  # Kiribati
    "KW": ("kuwaití", "kuwaití"),  # Kuwait
    "LA": ("laosiano", "laosiana"),  # Laos
    "LS": ("lesotense", "lesotense"),  # Lesoto
    "LV": ("letón", "letona"),  # Letonia
    "LB": ("libanés", "libanesa"),  # Líbano
    "LR": ("liberiano", "liberiana"),  # Liberia
    "LY": ("libio", "libia"),  # Libia
    "LI": ("liechtensteiniano", "liechtensteiniana"),  # Liechtenstein
    "LT": ("lituano", "lituana"),  # Lituania
    "LU": ("luxemburgués", "luxemburguesa"),  # Luxemburgo
    "MK": ("macedonio", "macedonia"),  # Macedonia del Norte
    "MG": ("malgache", "malgache"),  # Madagascar
    "MY": ("malasio", "malasia"),  # Malasia
    "MW": ("malauí", "malauí"),  # Malaui
    "MV": ("maldivo", "maldiva"),  # Maldivas
    "ML": ("maliense", "maliense"),  # Malí
    "MT": ("maltés", "maltesa"),  # Malta
    "MA": ("marroquí", "marroquí"),  # Marruecos
    "MU": ("mauriciano", "mauriciana"),  # Mauricio
    "MR": ("mauritano", "mauritana"),  # Mauritania
    "MX": ("mexicano", "mexicana"),  # México
    "MD": ("moldavo", "moldava"),  # Moldavia
    "MC": ("monegasco", "monegasca"),  # Mónaco
    "MN": ("mongol", "mongola"),  # Mongolia
    "ME": ("montenegrino", "montenegrina"),  # Montenegro
    "MZ": ("mozambiqueño", "mozambiqueña"),  # Mozambique
    "NA": ("namibio", "namibia"),  # Namibia
    "NR": ("nauruano", "nauruana"),  # Nauru
    "NP": ("nepalí", "nepalí"),  # Nepal
    "NI": ("nicaragüense", "nicaragüense"),  # Nicaragua
    "NE": ("nigerino", "nigerina"),  # Níger
    "NG": ("nigeriano", "nigeriana"),  # Nigeria
    "NO": ("noruego", "noruega"),  # Noruega
    "NZ": ("neozelandés", "neozelandesa"),  # Nueva Zelanda
    "OM": ("omaní", "omaní"),  # Omán
    "NL": ("neerlandés", "neerlandesa"),  # Países Bajos
    "PK": ("pakistaní", "pakistaní"),  # Pakistán
    "PW": ("palauano", "palauana"),  # Palaos
    "PA": ("panameño", "panameña"),  # Panamá
    "PG": ("papú", "papú"),  # Papúa Nueva Guinea
    "PY": ("paraguayo", "paraguaya"),  # Paraguay
    "PE": ("peruano", "peruana"),  # Perú
    "PL": ("polaco", "polaca"),  # Polonia
    "PT": ("portugués", "portuguesa"),  # Portugal
    "AD": ("andorrano", "andorrana"),  # Principado de Andorra
    "GB": ("británico", "británica"),  # Reino Unido
    "CF": ("centroafricano", "centroafricana"),  # República de África Central
    "CY": ("chipriota", "chipriota"),  # República de Chipre
    "DJ": ("yibutiano", "yibutiana"),  # República de Yibuti
    "TD": ("chadiano", "chadiana"),  # República del Chad
    "CD": ("congoleño", "congoleña"),  # República Democrática del Congo
    "DO": ("dominicano", "dominicana"),  # República Dominicana
    "RW": ("ruandés", "ruandesa"),  # Ruanda
    "RO": ("rumano", "rumana"),  # Rumanía
    "RU": ("ruso", "rusa"),  # Rusia
    "WS": ("samoano", "samoana"),  # Samoa
    "KN": ("sancristobaleño", "sancristobaleña"),  # San Cristóbal y Nieves
    "SM": ("sanmarinense", "sanmarinense"),  # San Marino
    "VC": ("sanvicentino", "sanvicentina"),  # San Vicente y las Granadinas
    "LC": ("santalucense", "santalucense"),  # Santa Lucía
    "VA": ("vaticano", "vaticana"),  # Santa Sede
    "ST": ("santotomense", "santotomense"),  # Santo Tomé y Príncipe
    "SN": ("senegalés", "senegalesa"),  # Senegal
    "RS": ("serbio", "serbia"),  # Serbia
    "SC": ("seychellense", "seychellense"),  # Seychelles
    "SL": ("sierraleonés", "sierraleonesa"),  # Sierra Leona
    "SG": ("singapurense", "singapurense"),  # Singapur
    "SY": ("sirio", "siria"),  # Siria
    "SO": ("somalí", "somalí"),  # Somalia
    "LK": ("esrilanqués", "esrilanquesa"),  # Sri Lanka
    "SZ": ("suazi", "suazi"),  # Suazilandia
    "ZA": ("sudafricano", "sudafricana"),  # Sudáfrica
    "SD": ("sudanés", "sudanesa"),  # Sudán
    "SS": ("sursudanés", "sursudanesa"),  # Sudán del Sur
    "SE": ("sueco", "sueca"),  # Suecia
    "CH": ("suizo", "suiza"),  # Suiza
    "SR": ("surinamés", "surinamesa"),  # Surinam
    "TH": ("tailandés", "tailandesa"),  # Tailandia
    "TW": ("taiwanés", "taiwanesa"),  # Taiwán
    "TZ": ("tanzano", "tanzana"),  # Tanzania
    "TJ": ("tayiko", "tayika"),  # Tayikistán
    "TL": ("timorense", "timorense"),  # Timor Oriental
    "TG": ("togolés", "togolesa"),  # Togo
    "TO": ("tongano", "tongana"),  # Tonga
    "TT": ("trinitense", "trinitense"),  # Trinidad y Tobago
    "TN": ("tunecino", "tunecina"),  # Túnez
    "TM": ("turkmeno", "turkmena"),  # Turkmenistán
    "TR": ("turco", "turca"),  # Turquía
    "TV": ("tuvaluano", "tuvaluana"),  # Tuvalu
    "UA": ("ucraniano", "ucraniana"),  # Ucrania
    "UG": ("ugandés", "ugandesa"),  # Uganda
    "UY": ("uruguayo", "uruguaya"),  # Uruguay
    "UZ": ("uzbeko", "uzbeka"),  # Uzbekistán
    "VU": ("vanuatuense", "vanuatuense"),  # Vanuatu
    "VE": ("venezolano", "venezolana"),  # Venezuela
    "VN": ("vietnamita", "vietnamita"),  # Vietnam
    "YE": ("yemení", "yemení"),  # Yemen
    "ZM": ("zambiano", "zambiana"),  # Zambia
    "ZW": ("zimbabuense", "zimbabuense"),  # Zimbabue
}


def opciones_nacionalidad() -> list[tuple[str, str]]:
    """Las nacionalidades que se pueden elegir, con el nombre del país en el idioma activo."""
    return [(pais.code, pais.name) for pais in countries if pais.code in GENTILICIOS]


def adjetivo(codigo: str, sexo: str) -> str | None:
    """«colombiana» para una mujer de Colombia; None si el sexo no se indicó o no hay forma."""
    formas = GENTILICIOS.get(codigo)
    if formas is None or sexo not in ("hombre", "mujer"):
        return None
    return formas[0] if sexo == "hombre" else formas[1]


def de_nacionalidad(codigo: str) -> str:
    """«de nacionalidad colombiana»: el adjetivo concuerda con «nacionalidad» (femenino)."""
    formas = GENTILICIOS.get(codigo)
    return f"de nacionalidad {formas[1]}" if formas else f"nacional de {countries.name(codigo)}"


def ciudadania(codigo: str, sexo: str) -> str:
    """La persona descrita con el adjetivo que concuerda con ella: «ciudadano hondureño»,
    «ciudadana haitiana». Sin sexo indicado no se le elige un género: «nacional de Haití»."""
    forma = adjetivo(codigo, sexo)
    if forma is None:
        return f"nacional de {countries.name(codigo)}"
    return f"{'ciudadano' if sexo == 'hombre' else 'ciudadana'} {forma}"
