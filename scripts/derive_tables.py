"""Derive the book's reduced tables from the upstream data sets.

A maintainer's tool, not part of what a student installs. Run by hand, with the upstream
folder as argument::

    python scripts/derive_tables.py ../shared/data-sources --out data

It writes only the tables listed in :data:`DERIVED_TABLES`; the tables compiled by hand
from published sources (timeline, thinkers, instruments, Azerbaijan milestones,
attachés) are never touched here. Each function reads
the upstream files it names and returns a tidy frame whose columns follow
``data/datapackage.json``; every row cites its producer (``source``) and the
upstream file and column (``locator``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from defence_diplomacy.vocabulary import ATOP_LAST_YEAR, FOUR_MODELS

#: States whose alliances, exercises and spending the book follows.
FOCUS_STATES = [*FOUR_MODELS, "AZE"]
COW_TO_ISO3_FOCUS = {2: "USA", 200: "GBR", 220: "FRA", 230: "ESP", 373: "AZE"}

#: ISO3 codes the hand-edited tables refer to (attaché posts), and the hosts
#: of Azerbaijan's deployments, so that ``countries`` covers them too.
HAND_TABLE_COUNTRIES = ["USA", "GBR", "FRA", "ESP", "AZE", "RUS", "TUR", "IND", "ISR", "CHN", "EGY",
                        "ARM", "SSD", "AFG", "IRQ"]

#: Display names where the upstream spelling is dated, long or wrong.
PREFERRED_NAMES = {"TUR": "Türkiye", "USA": "United States", "GBR": "United Kingdom", "RUS": "Russia",
                   "VNM": "Viet Nam", "CZE": "Czechia"}
#: troopdata files Serbia under its Gleditsch-Ward number (340) and today's
#: Viet Nam under South Vietnam's (817); the COW list numbers them 345 and 816.
COW_CORRECTIONS = {"SRB": 345, "VNM": 816}

IPI = "ipi-peacekeeping-database"
UN_REPORTS = "un-contributions-by-country-2015-2025"
RANKS_2022 = "un-contribution-ranks-2022-01"
OWID = "owid-un-peacekeeping-totals"
RANKS = "un-contribution-ranks-2021-01"
ATOP = "atop-5.1"
MME = "mme-exercises"
MILEX = "sipri-milex-2025ed"
TRANSFERS = "sipri-arms-transfers-2024-2026"
#: SIPRI's two registers in that folder: per deal and delivery year (2024 edition), per deal (2026 edition).
REGISTER_2024 = "trade-register_per-delivery-year_1990-2023_generated-2024-04-13.csv"
DEALS_2026 = "trade-register_deals_all-years_generated-2026-05-18.csv"
TIV = "sipri-arms-transfers-dyad"
TROOPS = "us-troop-deployments"

#: ATOP obligation columns and the book's names for them.
OBLIGATIONS = {"defense": "defence", "offense": "offence", "neutral": "neutrality",
               "nonagg": "non_aggression", "consul": "consultation"}
#: ATOP covers alliances signed 1815-2018; an end year of 0 means "still in force".
ATOP_FIRST_YEAR = 1815
CIS_CHARTER = 4400
CIS_CAVEAT = (
    "ATOP codes the CIS Charter (signed 22 January 1993) with a defence obligation, so every CIS "
    "member, Armenia and Russia included, shows a defence tie with Azerbaijan for 1993-2018. This is "
    "a coding of the treaty text, not a working alliance: Azerbaijan and Armenia were at war over "
    "Karabakh for much of that time."
)

SIPRI_MILEX_NAMES = {"Azerbaijan": "AZE", "Armenia": "ARM", "Türkiye": "TUR", "Russia": "RUS", "Israel": "ISR",
                     "United States of America": "USA", "United Kingdom": "GBR", "France": "FRA", "Spain": "ESP"}

#: The recipients whose arms imports the book follows, by SIPRI's name.
ARMS_RECIPIENTS = {"Azerbaijan": "AZE", "Armenia": "ARM"}
#: SIPRI's supplier names (trade registers) for the suppliers of those two, as ISO3.
SIPRI_SUPPLIERS = {"Belarus": "BLR", "Bulgaria": "BGR", "China": "CHN", "Czechia": "CZE", "France": "FRA",
                   "Georgia": "GEO", "India": "IND", "Israel": "ISR", "Italy": "ITA", "Jordan": "JOR",
                   "Montenegro": "MNE", "Pakistan": "PAK", "Russia": "RUS", "Serbia": "SRB", "Slovakia": "SVK",
                   "South Africa": "ZAF", "Spain": "ESP", "Turkiye": "TUR", "Ukraine": "UKR",
                   "United States": "USA"}


# --- UN peacekeeping ---------------------------------------------------------------------------


def ipi_iso3(upstream: Path) -> dict[str, str]:
    """IPI contributor names to ISO3, from IPI's own one-month file (it carries both)."""
    current = pd.read_csv(upstream / IPI / "current_month.csv", usecols=["Contributor", "Contributor_ISO-3"])
    return dict(current.drop_duplicates().itertuples(index=False))


#: Uniformed personnel as the UN's monthly reports split them, and the book's names for the parts.
UN_TYPES = {"troops": ["troops"], "police": ["individual_police", "formed_police_units"],
            "experts": ["experts_on_mission"], "staff_officers": ["staff_officers"]}
#: States that did not exist in December 1990 and 1991: their series start in 1992.
STATES_FROM_1992 = {"AZE", "ARM"}
#: The states the by-country series follows besides the four models and the ten largest contributors.
PEACEKEEPING_FOCUS = ["AZE", "ARM", "TUR", "RUS"]
#: A country a producer does not list in a month it covers: none sent, no split.
NOT_LISTED = {"troops": pd.NA, "police": pd.NA, "experts": pd.NA, "staff_officers": pd.NA, "total": 0}


def un_country_months(upstream: Path) -> pd.DataFrame:
    """The UN reports' country-month sums, 2015-01 to 2025-07, as parsed upstream."""
    return pd.read_csv(upstream / UN_REPORTS / "un_contributions_country_month.csv", dtype={"staff_officers": "Int64"})


def un_decembers_and_latest(upstream: Path) -> pd.DataFrame:
    """The country-month rows of every December the reports cover, and of their latest month."""
    months = un_country_months(upstream)
    return months[(months["date"].str[5:7] == "12") | (months["date"] == months["date"].max())]


def un_parsed_months(upstream: Path) -> list[str]:
    """Month-end dates of the UN reports parsed upstream (the others are gaps)."""
    index = pd.read_csv(upstream / UN_REPORTS / "months_index.csv")
    return sorted(index.loc[index["parsed"] == "yes", "report_date_in_pdf"])


def _ipi_decembers(upstream: Path) -> pd.DataFrame:
    monthly = pd.read_csv(upstream / IPI / "ipi_tcc_country_month_long.csv", parse_dates=["Date"])
    names = pd.read_csv(upstream / UN_REPORTS / "country_name_to_iso3.csv")
    iso3 = {**dict(names.itertuples(index=False)), **ipi_iso3(upstream)}
    december = monthly[monthly["Date"].dt.month == 12]
    return december.assign(country=december["Contributor"].map(iso3), year=december["Date"].dt.year)


def peacekeeping_contributions(upstream: Path) -> pd.DataFrame:
    """Uniformed personnel by country, each December 1990-2024 and July 2025, from two producers.

    IPI's per-country files (built from the UN's monthly reports) give 1990-2013; they stop
    in March 2014. The UN's own monthly reports give 2015 on; their latest is July 2025,
    which stands for 2025. December 2014 is in neither: that year has no row, a gap.
    The countries: the four national models, the ten largest contributors (by the sum of
    their December totals 1990-2024), Azerbaijan, Armenia, Türkiye and Russia. A country
    neither producer lists in a month it covers had no uniformed personnel that month: its
    row has a total of 0 and no split. An empty type is one the producer gives no figure for
    (IPI leaves types with none empty; the reports split staff officers off only from May 2017).
    """
    ipi = _ipi_decembers(upstream)
    un = un_decembers_and_latest(upstream)
    un_decembers = un[un["date"].str[5:7] == "12"]
    sums = pd.concat([ipi.groupby("country")["Total"].sum(), un_decembers.groupby("iso3")["total"].sum()], axis=1)
    ten_largest = sums.fillna(0).sum(axis=1).nlargest(10).index
    chosen = [*FOUR_MODELS, *[c for c in ten_largest if c not in FOUR_MODELS], *PEACEKEEPING_FOCUS]
    rows = []
    for country in chosen:
        first_year = 1992 if country in STATES_FROM_1992 else 1990
        own = ipi[ipi["country"] == country].set_index("year")
        for year in range(first_year, 2014):
            date = f"{year}-12-31"
            if year in own.index:
                row = own.loc[year]
                values = {"troops": row["Troops"], "police": row["Police"], "experts": row["Experts"],
                          "staff_officers": pd.NA, "total": row["Total"]}
                locator = (f"countries/{row['Contributor']}.csv, Date {date}; columns Troops, Police, Experts "
                           "(total = their sum)")
            else:
                values = NOT_LISTED
                locator = f"ipi_tcc_country_month_long.csv: no row for {country} on {date} (not a contributor that month)"
            rows.append({"country": country, "year": year, "date": date, **values, "source": "ipi_peacekeeping",
                         "locator": locator})
        own = un[un["iso3"] == country].set_index("date")
        for date in sorted(un["date"].unique()):
            if date in own.index:
                row = own.loc[date]
                values = {name: sum(row[c] for c in columns) for name, columns in UN_TYPES.items()}
                values["total"] = row["total"]
                locator = (f"un_contributions_country_month.csv, date {date}, iso3 {country}; police = individual_police "
                           "+ formed_police_units, experts = experts_on_mission")
            else:
                values = NOT_LISTED
                locator = f"un_contributions_country_month.csv: no row for {country} on {date} (not listed that month)"
            rows.append({"country": country, "year": int(date[:4]), "date": date, **values,
                         "source": "un_contributions_monthly", "locator": locator})
    frame = pd.DataFrame(rows)
    for column in ["troops", "police", "experts", "staff_officers", "total"]:
        frame[column] = pd.array(frame[column], dtype="Float64").round().astype("Int64")
    frame["ten_largest"] = frame["country"].isin(ten_largest)
    columns = ["country", "year", "date", "troops", "police", "experts", "staff_officers", "total", "ten_largest",
               "source", "locator"]
    return frame[columns].sort_values(["country", "year"]).reset_index(drop=True)


def azerbaijan_un_personnel(upstream: Path) -> pd.DataFrame:
    """Azerbaijan in every UN monthly report parsed, January 2015 to July 2025: how many, where, which category.

    A month the report does not list Azerbaijan has a row with 0 and ``listed`` false; a
    month with no parsed report has no row (a gap). The mission is empty where the report's
    layout names none (March 2018 to August 2019, September 2023). Only experts on mission
    appear: every other category is 0 or absent in every month.
    """
    long = pd.read_csv(upstream / UN_REPORTS / "un_contributions_long.csv")
    own = long[long["iso3"] == "AZE"]
    others = own[own["personnel_type"] != "EOM"]
    assert (others["total"] == 0).all(), "Azerbaijan has personnel of another category: revise this table"
    experts = own[own["personnel_type"] == "EOM"].set_index("date")
    rows = []
    for date in un_parsed_months(upstream):
        if date in experts.index:
            row = experts.loc[date]
            rows.append({"date": date, "listed": True, "mission": row["mission"], "experts_on_mission": row["total"],
                         "female": row["female"], "male": row["male"],
                         "locator": f"un_contributions_long.csv, date {date}, iso3 AZE, personnel_type EOM"
                                    + ("" if pd.notna(row["mission"]) else "; the report names no mission")
                                    + ("" if pd.notna(row["female"]) else "; no split by sex")})
        else:
            rows.append({"date": date, "listed": False, "mission": pd.NA, "experts_on_mission": 0, "female": pd.NA,
                         "male": pd.NA, "locator": f"un_contributions_long.csv: no row for AZE on {date} (not listed)"})
    frame = pd.DataFrame(rows)
    for column in ["experts_on_mission", "female", "male"]:
        frame[column] = pd.array(frame[column], dtype="Float64").astype("Int64")
    frame["source"] = "un_contributions_monthly"
    return frame[["date", "listed", "mission", "experts_on_mission", "female", "male", "source", "locator"]]


def peacekeeping_totals(upstream: Path) -> pd.DataFrame:
    """World totals, December: UN/Global Policy Forum via OWID (1947-2021), IPI (1990-2016), and the
    UN's monthly reports (2015-2024, and July 2025, their latest), summed over countries.

    OWID's breakdown columns are 0 for 1947-1991, meaning "not available": stored as missing.
    """
    owid = pd.read_csv(upstream / OWID / "un_peacekeeping_totals.csv")
    owid.columns = ["entity", "year", "missions", "total", "police", "experts", "troops"]
    breakdown = ["troops", "police", "experts"]
    owid[breakdown] = owid[breakdown].astype("Int64").mask(owid["year"] <= 1991)
    locator = "un_peacekeeping_totals.csv, Year " + owid["year"].astype(str)
    locator = locator.where(owid["year"] > 1991, locator + "; breakdown columns 0 (not available), stored as missing")
    owid_rows = owid.assign(date=pd.NA, source="owid_un_peacekeeping", locator=locator)
    ipi = pd.read_csv(upstream / IPI / "data_monthly.csv", parse_dates=["Date"])
    ipi = ipi[ipi["Date"].dt.month == 12]
    ipi_rows = pd.DataFrame({
        "year": ipi["Date"].dt.year, "date": ipi["Date"].dt.strftime("%Y-%m-%d"), "missions": pd.NA,
        "troops": ipi["Troop Contributions"], "police": ipi["Police Contributions"],
        "experts": ipi["EOM Contributions"], "total": ipi["Total Contributions"],
        "source": "ipi_peacekeeping",
        "locator": "data_monthly.csv, Date " + ipi["Date"].dt.strftime("%Y-%m-%d")
                   + "; Troop, Police, EOM and Total Contributions",
    })
    world = un_decembers_and_latest(upstream).groupby("date")[["troops", "individual_police", "formed_police_units", "experts_on_mission",
                                "staff_officers", "total"]].sum()
    un_rows = pd.DataFrame({
        "year": world.index.str[:4].astype(int), "date": world.index, "missions": pd.NA, "troops": world["troops"],
        "police": world["individual_police"] + world["formed_police_units"],
        "experts": world["experts_on_mission"] + world["staff_officers"], "total": world["total"],
        "source": "un_contributions_monthly",
        "locator": "un_contributions_country_month.csv, date " + world.index + ", summed over countries; police = "
                   "individual_police + formed_police_units, experts = experts_on_mission + staff_officers",
    })
    columns = ["year", "date", "missions", "troops", "police", "experts", "total", "source", "locator"]
    frame = pd.concat([owid_rows[columns], ipi_rows[columns], un_rows[columns]], ignore_index=True)
    for column in ["missions", "troops", "police", "experts", "total"]:
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values(["year", "source"]).reset_index(drop=True)


def peacekeeping_snapshot_2021(upstream: Path) -> pd.DataFrame:
    """Every contributor of uniformed personnel on 31 January 2021 (UN DPO contribution ranks)."""
    ranks = pd.read_csv(upstream / RANKS / "Rank.csv", encoding="utf-8-sig")
    frame = pd.DataFrame({
        "country": ranks["ISOCode3"],
        "rank": ranks["Personnel_Contribution_Rank"],
        "female": ranks["Female_Personnel"],
        "male": ranks["Male_Personnel"],
        "total": ranks["Total_Uniformed_Personnel"],
        "date": pd.to_datetime(ranks["Last_Reporting_Date"], format="%d-%b-%y").dt.strftime("%Y-%m-%d"),
        "source": "un_dpo_ranks2021",
        "locator": "Rank.csv, ISOCode3 " + ranks["ISOCode3"]
                   + "; Personnel_Contribution_Rank, Female_Personnel, Male_Personnel, Total_Uniformed_Personnel",
    })
    return frame.sort_values(["rank", "country"]).reset_index(drop=True)


# --- Alliances (ATOP) ----------------------------------------------------------------------------


def alliances_in_force(upstream: Path) -> pd.DataFrame:
    """Alliances in force per year and obligation type, 1815-2018.

    An alliance is *in force in year Y* when it began in or before Y (``begyr``)
    and had not ended before Y (``endyr`` is Y or later, or 0: still in force at
    the end of ATOP's coverage). An alliance that ended during Y counts for Y.
    An alliance counts under each obligation any of its members took on.
    """
    alliances = pd.read_csv(upstream / ATOP / "atop5_1a.csv")
    end = alliances["endyr"].where(alliances["endyr"] != 0, ATOP_LAST_YEAR)
    rows = []
    for year in range(ATOP_FIRST_YEAR, ATOP_LAST_YEAR + 1):
        in_force = alliances[(alliances["begyr"] <= year) & (end >= year)]
        rows.append({"year": year, "obligation": "any", "alliances": len(in_force)})
        for column, name in OBLIGATIONS.items():
            rows.append({"year": year, "obligation": name, "alliances": int((in_force[column] == 1).sum())})
    frame = pd.DataFrame(rows)
    frame["source"] = "atop51"
    column_of = {name: column for column, name in OBLIGATIONS.items()}
    frame["locator"] = "atop5_1a.csv: begyr <= year <= endyr (0 = in force)" + frame["obligation"].map(
        lambda name: f"; {column_of[name]} = 1" if name in column_of else "")
    return frame


def _partial_date(year, month, day) -> str:
    """'1993-09-24', '1993-09' or '1993' as far as ATOP gives the parts."""
    parts = [f"{int(year):04d}"]
    if pd.notna(month) and month > 0:
        parts.append(f"{int(month):02d}")
        if pd.notna(day) and day > 0:
            parts.append(f"{int(day):02d}")
    return "-".join(parts)


def alliance_memberships(upstream: Path) -> pd.DataFrame:
    """Every ATOP membership of the national models and Azerbaijan, with its obligations."""
    members = pd.read_csv(upstream / ATOP / "atop5_1m.csv")
    alliances = pd.read_csv(upstream / ATOP / "atop5_1a.csv")
    member_columns = [c for c in alliances.columns if c.startswith("mem") and c[3:].isdigit()]
    all_members = {row.atopid: [int(c) for c in row[member_columns].dropna()] for _, row in alliances.iterrows()}
    chosen = members[members["member"].isin(COW_TO_ISO3_FOCUS)]
    rows = []
    for _, m in chosen.iterrows():
        partners = [c for c in all_members[m["atopid"]] if c != m["member"]]
        in_force = m["yrexit"] == 0
        rows.append({
            "country": COW_TO_ISO3_FOCUS[m["member"]],
            "atopid": m["atopid"],
            "phase": m["phase"],
            "entry_year": m["yrent"],
            "entry_date": _partial_date(m["yrent"], m["moent"], m["dayent"]),
            "exit_year": pd.NA if in_force else m["yrexit"],
            "exit_date": pd.NA if in_force else _partial_date(m["yrexit"], m["moexit"], m["dayexit"]),
            **{name: m[column] == 1 for column, name in OBLIGATIONS.items()},
            "bilateral": m["bilat"] == 1,
            "partners_cow": " ".join(str(c) for c in partners),
            "caveat": CIS_CAVEAT if m["atopid"] == CIS_CHARTER else pd.NA,
            "source": "atop51",
            "locator": f"atop5_1m.csv, atopid {int(m['atopid'])}, member {int(m['member'])}, "
                       f"phase {int(m['phase'])}; partners from atop5_1a.csv mem1-memN",
        })
    frame = pd.DataFrame(rows)
    for column in ["atopid", "phase", "entry_year", "exit_year"]:
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values(["country", "entry_year", "atopid", "phase"]).reset_index(drop=True)


# --- Exercises (MME) --------------------------------------------------------------------------------


def _mme(upstream: Path) -> pd.DataFrame:
    return pd.read_csv(upstream / MME / "mme_long_v7_via_troopdata.csv",
                       usecols=["MMEID", "Ex_Name", "gwcode", "country", "year"])


def exercises_per_year(upstream: Path) -> pd.DataFrame:
    """Distinct exercises (MMEID) under way in each year; "-9" is MME's code for an unnamed exercise."""
    mme = _mme(upstream)
    frame = mme.groupby("year").agg(
        exercises=("MMEID", "nunique"),
        unnamed_exercises=("MMEID", lambda ids: ids[mme.loc[ids.index, "Ex_Name"] == "-9"].nunique()),
    ).reset_index()
    frame["source"] = "dorazio2021"
    frame["locator"] = "mme_long_v7_via_troopdata.csv: distinct MMEID per year; Ex_Name '-9' = no name recorded"
    return frame


def exercises_by_country(upstream: Path) -> pd.DataFrame:
    """Exercises per year for the focus states, 0 where a state existed but MME records none.

    A state's years start with its first year in ATOP's state-year file (a COW
    system member), so Azerbaijan starts in 1992 rather than showing zeros
    for years before its independence.
    """
    mme = _mme(upstream)
    states = pd.read_csv(upstream / ATOP / "atop5_1sy.csv", usecols=["state", "year"])
    first_year = states.groupby("state")["year"].min()
    counts = mme[mme["gwcode"].isin(COW_TO_ISO3_FOCUS)].groupby(["gwcode", "year"])["MMEID"].nunique()
    rows = []
    for code, iso3 in COW_TO_ISO3_FOCUS.items():
        # COW and Gleditsch-Ward numbers agree for these five states.
        for year in range(max(int(mme["year"].min()), int(first_year[code])), int(mme["year"].max()) + 1):
            rows.append({"country": iso3, "year": year, "exercises": int(counts.get((code, year), 0)),
                         "source": "dorazio2021",
                         "locator": f"mme_long_v7_via_troopdata.csv: distinct MMEID with gwcode {code}, year {year}"})
    return pd.DataFrame(rows)


# --- SIPRI ------------------------------------------------------------------------------------------


#: The workbook's sheets and the book's columns for them.
MILEX_SHEETS = {"Current US$": "current_usd_millions", "Constant (2023) US$": "constant_2023_usd_millions",
                "Share of GDP": "share_of_gdp_percent"}


def _milex_sheet(workbook: Path, sheet: str) -> pd.DataFrame:
    """One sheet, long: Country, year, the value as printed (a number, '...' for no data, 'xxx' for no state)."""
    wide = pd.read_excel(workbook, sheet_name=sheet, header=5, dtype=object)
    wide = wide[wide["Country"].isin(SIPRI_MILEX_NAMES)]
    years = [column for column in wide.columns if isinstance(column, (int, float)) and not pd.isna(column)]
    long = wide.melt(id_vars="Country", value_vars=years, var_name="year", value_name="printed")
    long["year"] = long["year"].astype(int)
    return long


def military_expenditure(upstream: Path) -> pd.DataFrame:
    """SIPRI military expenditure (April 2025 release): current and constant (2023) US$ million, share of GDP.

    Each country runs from its first to its last year with a figure; years inside that
    span without one ('...' in the workbook) stay empty, and years the workbook marks
    'xxx' (the state did not exist) are left out. The current-dollar sheet prints 0.0 for
    Russia in 1990 and 1992 and Armenia in 1992, where the constant-dollar sheet has a
    figure or none: no state spent nothing, so a 0.0 is stored as empty, and its locator says so.
    """
    workbook = upstream / MILEX / "SIPRI-Milex-data-1949-2024_2.xlsx"
    sheets = {column: _milex_sheet(workbook, sheet).set_index(["Country", "year"])["printed"]
              for sheet, column in MILEX_SHEETS.items()}
    printed = pd.DataFrame(sheets).reset_index()
    stateless = printed[list(MILEX_SHEETS.values())].eq("xxx").any(axis=1)
    printed = printed[~stateless]
    values = printed[list(MILEX_SHEETS.values())].apply(pd.to_numeric, errors="coerce")
    zero_not_figure = values["current_usd_millions"] == 0
    values.loc[zero_not_figure, "current_usd_millions"] = pd.NA
    values["share_of_gdp_percent"] = (values["share_of_gdp_percent"] * 100).round(2)
    values[["current_usd_millions", "constant_2023_usd_millions"]] = \
        values[["current_usd_millions", "constant_2023_usd_millions"]].round(1)
    frame = pd.concat([printed[["Country", "year"]], values], axis=1)
    reported = frame.dropna(subset=list(MILEX_SHEETS.values()), how="all").groupby("Country")["year"].agg(["min", "max"])
    frame = frame.join(reported, on="Country")
    keep = (frame["year"] >= frame["min"]) & (frame["year"] <= frame["max"])
    frame, zero_not_figure = frame[keep], zero_not_figure[keep]
    locator = ("SIPRI-Milex-data-1949-2024_2.xlsx, sheets Current US$, Constant (2023) US$ and Share of GDP, "
               "Country '" + frame["Country"] + "', column " + frame["year"].astype(str))
    locator = locator.where(~zero_not_figure, locator + "; Current US$ prints 0.0, stored as empty")
    frame = pd.DataFrame({
        "country": frame["Country"].map(SIPRI_MILEX_NAMES), "year": frame["year"],
        **{column: frame[column] for column in MILEX_SHEETS.values()},
        "source": "sipri_milex2025", "locator": locator,
    })
    return frame.sort_values(["country", "year"]).reset_index(drop=True)


def arms_transfers(upstream: Path) -> pd.DataFrame:
    """SIPRI trend-indicator values of major arms delivered to Azerbaijan and Armenia, by supplier and year.

    Summed from SIPRI's trade register (2024 edition, one row per deal and delivery year,
    1990-2023); only supplier-years with deliveries. ``supplier`` is empty where SIPRI
    names no state ('unknown supplier(s)').
    """
    register = pd.read_csv(upstream / TRANSFERS / REGISTER_2024, skiprows=11)
    chosen = register[register["Recipient"].isin(ARMS_RECIPIENTS)]
    sums = chosen.groupby(["Recipient", "Supplier", "Delivery year"])["TIV delivery values"].agg(["sum", "size"])
    sums = sums.reset_index()
    frame = pd.DataFrame({
        "recipient": sums["Recipient"].map(ARMS_RECIPIENTS),
        "supplier": sums["Supplier"].map(SIPRI_SUPPLIERS).astype("string"),
        "supplier_name": sums["Supplier"].map(lambda name: PREFERRED_NAMES.get(SIPRI_SUPPLIERS.get(name), name)),
        "year": sums["Delivery year"].astype(int),
        "tiv_millions": sums["sum"].round(1),
        "source": "sipri_arms_transfers2024",
        "locator": f"{REGISTER_2024}, Supplier '" + sums["Supplier"]
                   + "', Recipient '" + sums["Recipient"] + "', Delivery year " + sums["Delivery year"].astype(str)
                   + ": sum of TIV delivery values over " + sums["size"].astype(str) + " row(s)",
    })
    unmapped = sorted(set(sums.loc[frame["supplier"].isna(), "Supplier"]) - {"unknown supplier(s)"})
    assert not unmapped, f"suppliers without an ISO3 code in SIPRI_SUPPLIERS: {unmapped}"
    return frame.sort_values(["recipient", "supplier_name", "year"]).reset_index(drop=True)


def _delivery_years(text) -> list[int]:
    """'2024; 2025' or '2021-2023' as years."""
    years = []
    for part in str(text).replace(" ", "").split(";"):
        if "-" in part:
            low, high = part.split("-")
            years += range(int(low), int(high) + 1)
        elif part.isdigit():
            years.append(int(part))
    return years


def arms_deliveries_2024_2025(upstream: Path) -> pd.DataFrame:
    """Deals with deliveries to Azerbaijan or Armenia in 2024 or 2025, from SIPRI's deal-level register (2026 edition).

    SIPRI gives the TIV of a deal's delivered weapons for all its delivery years together,
    so a deal delivered in 2023 and 2024 carries its whole delivered TIV; it is not spread
    over years here, and it is a different edition from :func:`arms_transfers`: the two
    are never summed into one series.
    """
    deals = pd.read_csv(upstream / TRANSFERS / DEALS_2026, skiprows=11, encoding="latin-1")
    chosen = deals[deals["Recipient"].isin(ARMS_RECIPIENTS)].copy()
    chosen["years"] = chosen["Year(s) of delivery"].map(_delivery_years)
    chosen = chosen[chosen["years"].map(lambda years: any(year >= 2024 for year in years))]
    line = chosen.index.to_series() + 13  # 11 lines of notes, the header, then one line per deal
    frame = pd.DataFrame({
        "recipient": chosen["Recipient"].map(ARMS_RECIPIENTS),
        "supplier": chosen["Supplier"].map(SIPRI_SUPPLIERS),
        "order_year": chosen["Year of order"].astype(int),
        "designation": chosen["Weapon designation"],
        "description": chosen["Weapon description"],
        "number_ordered": pd.array(chosen["Number ordered"], dtype="Float64").astype("Int64"),
        "number_delivered": pd.array(chosen["Number delivered"], dtype="Float64").astype("Int64"),
        "first_delivery": chosen["years"].map(min),
        "last_delivery": chosen["years"].map(max),
        "tiv_delivered_millions": chosen["SIPRI TIV of delivered weapons"].astype(float),
        "source": "sipri_arms_transfers2026",
        "locator": f"{DEALS_2026}, line " + line.astype(str)
                   + " (Recipient '" + chosen["Recipient"] + "', Supplier '" + chosen["Supplier"] + "', '"
                   + chosen["Weapon designation"] + "', ordered " + chosen["Year of order"].astype(str)
                   + ", delivered " + chosen["Year(s) of delivery"].astype(str) + ")",
    })
    assert frame["supplier"].notna().all(), "a 2024-2025 supplier has no ISO3 code in SIPRI_SUPPLIERS"
    return frame.sort_values(["recipient", "last_delivery", "supplier", "designation"]).reset_index(drop=True)


# --- Countries ------------------------------------------------------------------------------------


def cow_codes(upstream: Path) -> pd.DataFrame:
    """ISO3, name and COW code for every state the upstream files name.

    troopdata pairs ISO3 with a state number (its latest year's), but for a few
    states (Germany 260, Serbia 340) that is the older or the Gleditsch-Ward
    number. Where ATOP, which uses COW numbers, does not list troopdata's
    number as a state in 2018 but does list the number the SIPRI transfer file
    (also COW-coded) gives for the same name, the SIPRI number replaces it.
    """
    troops = pd.read_csv(upstream / TROOPS / "troopdata_rebuild_long.csv",
                         usecols=["ccode", "iso3c", "countryname", "year"])
    pairs = troops.dropna(subset=["iso3c"]).sort_values("year", kind="stable").drop_duplicates("iso3c", keep="last")
    states_2018 = set(pd.read_csv(upstream / ATOP / "atop5_1sy.csv", usecols=["state", "year"])
                      .query("year == @ATOP_LAST_YEAR")["state"])
    dyads = pd.read_csv(upstream / TIV / "sipri_tiv_dyad_year_via_DoDL.csv")
    named = pd.concat([dyads[["year", "sender", "ccode1"]].set_axis(["year", "name", "cow"], axis=1),
                       dyads[["year", "receiver", "ccode2"]].set_axis(["year", "name", "cow"], axis=1)])
    sipri_cow = named.sort_values("year").drop_duplicates("name", keep="last").set_index("name")["cow"]
    sipri_number = pairs["countryname"].map(sipri_cow)
    replace = ~pairs["ccode"].isin(states_2018) & sipri_number.isin(states_2018)
    cow = pairs["ccode"].where(~replace, sipri_number)
    cow = pairs["iso3c"].map(COW_CORRECTIONS).fillna(cow)
    return pd.DataFrame({"iso3": pairs["iso3c"], "name": pairs["countryname"], "cow_code": cow.astype("Int64"),
                         "troopdata_code": pairs["ccode"]})


def countries(upstream: Path, referenced: set[str]) -> pd.DataFrame:
    """The countries any table refers to, with the codes needed to join other data sets.

    Gleditsch-Ward numbers come from the MME file (its ``gwcode``), matched on
    the country name troopdata gives; a state MME never names keeps an empty GW code.
    """
    codes = cow_codes(upstream).set_index("iso3")
    mme = _mme(upstream)[["country", "gwcode"]].drop_duplicates("country").set_index("country")["gwcode"]
    ranks = pd.read_csv(upstream / RANKS / "Rank.csv", encoding="utf-8-sig").set_index("ISOCode3")
    rows = []
    for iso3 in sorted(referenced):
        known = iso3 in codes.index
        name = codes.at[iso3, "name"] if known else ranks.at[iso3, "Contributing_Country"]
        cow = codes.at[iso3, "cow_code"] if known else pd.NA
        gw = mme.get(name, pd.NA) if known else pd.NA
        if not known:
            locator = ["no COW code in the upstream files; name from Rank.csv"]
        elif iso3 in COW_CORRECTIONS:
            locator = [f"COW code: the COW list (troopdata's ccode {codes.at[iso3, 'troopdata_code']} is another "
                       "numbering)"]
        elif codes.at[iso3, "troopdata_code"] == cow:
            locator = ["COW code: troopdata_rebuild_long.csv (iso3c, ccode)"]
        else:
            locator = [f"COW code: sipri_tiv_dyad_year_via_DoDL.csv for '{name}' (troopdata's ccode "
                       f"{codes.at[iso3, 'troopdata_code']} is not an ATOP state in 2018)"]
        if pd.notna(gw):
            locator.append(f"GW code: mme_long_v7_via_troopdata.csv, gwcode for '{name}'")
        rows.append({"iso3": iso3, "name": PREFERRED_NAMES.get(iso3, name), "cow_code": cow, "gw_code": gw,
                     "source": "cow_states2016" if pd.notna(cow) else "un_dpo_ranks2021",
                     "locator": "; ".join(locator)})
    frame = pd.DataFrame(rows)
    frame[["cow_code", "gw_code"]] = frame[["cow_code", "gw_code"]].astype("Int64")
    return frame


# --- Driver -----------------------------------------------------------------------------------------

DERIVED_TABLES = ["countries", "peacekeeping_contributions", "peacekeeping_totals", "peacekeeping_snapshot_2021",
                  "azerbaijan_un_personnel", "alliances_in_force", "alliance_memberships", "exercises_per_year",
                  "exercises_by_country", "military_expenditure", "arms_transfers", "arms_deliveries_2024_2025"]


def derive_all(upstream: str | Path) -> dict[str, pd.DataFrame]:
    """Every derived table, by name, from the upstream folder."""
    upstream = Path(upstream)
    tables = {
        "peacekeeping_contributions": peacekeeping_contributions(upstream),
        "peacekeeping_totals": peacekeeping_totals(upstream),
        "peacekeeping_snapshot_2021": peacekeeping_snapshot_2021(upstream),
        "azerbaijan_un_personnel": azerbaijan_un_personnel(upstream),
        "alliances_in_force": alliances_in_force(upstream),
        "alliance_memberships": alliance_memberships(upstream),
        "exercises_per_year": exercises_per_year(upstream),
        "exercises_by_country": exercises_by_country(upstream),
        "military_expenditure": military_expenditure(upstream),
        "arms_transfers": arms_transfers(upstream),
        "arms_deliveries_2024_2025": arms_deliveries_2024_2025(upstream),
    }
    referenced = set(HAND_TABLE_COUNTRIES)
    for frame in tables.values():
        for column in ("country", "supplier", "recipient"):
            if column in frame:
                referenced |= set(frame[column].dropna())
    tables["countries"] = countries(upstream, referenced)
    return {name: tables[name] for name in DERIVED_TABLES}


def write_tables(tables: dict[str, pd.DataFrame], out: str | Path) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        # Booleans as the hand-edited tables write them.
        booleans = frame.select_dtypes("bool").columns
        frame = frame.astype({column: "string" for column in booleans})
        frame[booleans] = frame[booleans].apply(lambda column: column.str.lower())
        frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Derive the book's tables from the upstream data sets.")
    parser.add_argument("upstream", help="folder holding the upstream data sets (../shared/data-sources)")
    parser.add_argument("--out", default="data", help="folder to write the derived CSV files into")
    args = parser.parse_args(argv)
    for path in write_tables(derive_all(args.upstream), args.out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
