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
                   "VNM": "Viet Nam"}
#: troopdata files Serbia under its Gleditsch-Ward number (340) and today's
#: Viet Nam under South Vietnam's (817); the COW list numbers them 345 and 816.
COW_CORRECTIONS = {"SRB": 345, "VNM": 816}

IPI = "ipi-peacekeeping-database"
OWID = "owid-un-peacekeeping-totals"
RANKS = "un-contribution-ranks-2021-01"
ATOP = "atop-5.1"
MME = "mme-exercises"
MILEX = "sipri-milex-2019ed"
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

SIPRI_MILEX_NAMES = {"Azerbaijan": "AZE", "Armenia": "ARM", "Turkey": "TUR", "USA": "USA",
                     "UK": "GBR", "France": "FRA", "Spain": "ESP"}


# --- UN peacekeeping ---------------------------------------------------------------------------


def ipi_iso3(upstream: Path) -> dict[str, str]:
    """IPI contributor names to ISO3, from IPI's own one-month file (it carries both)."""
    current = pd.read_csv(upstream / IPI / "current_month.csv", usecols=["Contributor", "Contributor_ISO-3"])
    return dict(current.drop_duplicates().itertuples(index=False))


def peacekeeping_contributions(upstream: Path) -> pd.DataFrame:
    """December figures 1990-2013 for the national models and the ten largest contributors.

    "Ten largest" means the ten largest by the sum of their December totals
    1990-2013. IPI's per-country series stop in March 2014, so 2013 is the last
    December. An empty type (troops, police, experts) is left empty, as IPI leaves it.
    """
    monthly = pd.read_csv(upstream / IPI / "ipi_tcc_country_month_long.csv", parse_dates=["Date"])
    december = monthly[monthly["Date"].dt.month == 12].assign(
        country=lambda f: f["Contributor"].map(ipi_iso3(upstream)), year=lambda f: f["Date"].dt.year)
    ten_largest = december.groupby("country")["Total"].sum().nlargest(10).index
    chosen = december[december["country"].isin(set(ten_largest) | set(FOUR_MODELS))]
    frame = pd.DataFrame({
        "country": chosen["country"],
        "year": chosen["year"],
        "date": chosen["Date"].dt.strftime("%Y-%m-%d"),
        "troops": chosen["Troops"].astype("Int64"),
        "police": chosen["Police"].astype("Int64"),
        "experts": chosen["Experts"].astype("Int64"),
        "total": chosen["Total"].astype("Int64"),
        "ten_largest": chosen["country"].isin(ten_largest),
        "source": "ipi_peacekeeping",
        "locator": "countries/" + chosen["Contributor"] + ".csv, Date " + chosen["Date"].dt.strftime("%Y-%m-%d")
                   + "; columns Troops, Police, Experts (total = their sum)",
    })
    return frame.sort_values(["country", "year"]).reset_index(drop=True)


def peacekeeping_totals(upstream: Path) -> pd.DataFrame:
    """World totals, December: UN/Global Policy Forum via OWID (1947-2021) and IPI (1990-2016).

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
    columns = ["year", "date", "missions", "troops", "police", "experts", "total", "source", "locator"]
    frame = pd.concat([owid_rows[columns], ipi_rows[columns]], ignore_index=True)
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


def military_expenditure(upstream: Path) -> pd.DataFrame:
    """SIPRI military expenditure, current US$ million (units inferred; see data/README.md).

    Each country runs from its first to its last reported year; years without a
    figure inside that span stay as empty values.
    """
    wide = pd.read_csv(upstream / MILEX / "sipri-milex-data.csv", encoding="latin-1", skipinitialspace=True)
    wide = wide[wide["Country"].isin(SIPRI_MILEX_NAMES)]
    long = wide.melt(id_vars="Country", var_name="year", value_name="usd_millions")
    long["year"] = long["year"].astype(int)
    long["usd_millions"] = pd.to_numeric(long["usd_millions"], errors="coerce")
    reported = long.dropna(subset=["usd_millions"]).groupby("Country")["year"].agg(["min", "max"])
    long = long.join(reported, on="Country")
    long = long[(long["year"] >= long["min"]) & (long["year"] <= long["max"])]
    frame = pd.DataFrame({
        "country": long["Country"].map(SIPRI_MILEX_NAMES),
        "year": long["year"],
        "usd_millions": long["usd_millions"],
        "source": "sipri_milex2019",
        "locator": "sipri-milex-data.csv, Country '" + long["Country"] + "', column " + long["year"].astype(str),
    })
    return frame.sort_values(["country", "year"]).reset_index(drop=True)


def arms_transfers_to_azerbaijan(upstream: Path, cow_to_iso3: dict[int, str]) -> pd.DataFrame:
    """SIPRI trend-indicator values of major arms delivered to Azerbaijan, by supplier and year.

    Only non-zero rows: the scrape lists zeros for dyad-years without deliveries.
    """
    dyads = pd.read_csv(upstream / TIV / "sipri_tiv_dyad_year_via_DoDL.csv")
    to_aze = dyads[(dyads["ccode2"] == 373) & (dyads["value"] > 0)]
    frame = pd.DataFrame({
        "supplier": to_aze["ccode1"].map(cow_to_iso3),
        "year": to_aze["year"],
        "tiv_millions": to_aze["value"],
        "source": "sipri_arms_transfers",
        "locator": "sipri_tiv_dyad_year_via_DoDL.csv, sender '" + to_aze["sender"] + "' (ccode1 "
                   + to_aze["ccode1"].astype(str) + "), receiver ccode2 373, year " + to_aze["year"].astype(str),
    })
    return frame.sort_values(["supplier", "year"]).reset_index(drop=True)


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
                  "alliances_in_force", "alliance_memberships", "exercises_per_year", "exercises_by_country",
                  "military_expenditure", "arms_transfers_to_azerbaijan"]


def derive_all(upstream: str | Path) -> dict[str, pd.DataFrame]:
    """Every derived table, by name, from the upstream folder."""
    upstream = Path(upstream)
    codes = cow_codes(upstream).dropna(subset=["cow_code"])
    cow_to_iso3 = dict(zip(codes["cow_code"].astype(int), codes["iso3"]))
    tables = {
        "peacekeeping_contributions": peacekeeping_contributions(upstream),
        "peacekeeping_totals": peacekeeping_totals(upstream),
        "peacekeeping_snapshot_2021": peacekeeping_snapshot_2021(upstream),
        "alliances_in_force": alliances_in_force(upstream),
        "alliance_memberships": alliance_memberships(upstream),
        "exercises_per_year": exercises_per_year(upstream),
        "exercises_by_country": exercises_by_country(upstream),
        "military_expenditure": military_expenditure(upstream),
        "arms_transfers_to_azerbaijan": arms_transfers_to_azerbaijan(upstream, cow_to_iso3),
    }
    referenced = set(HAND_TABLE_COUNTRIES)
    for frame in tables.values():
        for column in ("country", "supplier"):
            if column in frame:
                referenced |= set(frame[column])
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
