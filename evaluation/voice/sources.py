"""The sources of the voice corpus: repository, pinned commit, files, shape and accounts taken.

``account_kind`` says who the account is (from its own profile or bio at the time of the archive),
never how it sounds: that is for the labels.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Source:
    """One public repository read at one commit."""

    repo: str
    commit: str
    shape: str  # grailbird / api_timelines / customer_support_csv / id_date_text_lines / getoldtweets_csv / export_file
    accounts: dict[str, str]  # screen name -> account_kind
    per_account: int = 60
    path: str = "data/js/tweets"  # the file or folder read (Grailbird months are found under it)
    profiles_dir: str = ""  # api_timelines only: the saved profiles naming each timeline's account
    absent_paths: frozenset[str] = frozenset()  # files the published snapshot lacks (too large to keep)
    # Posts are labelled batch by batch and labels name rows, so a later wave of sources is appended
    # after the earlier waves' rows, in batches of its own, and never reshuffles them.
    wave: int = 1


def _archive(repo: str, commit: str, account: str, kind: str) -> Source:
    return Source(repo=repo, commit=commit, shape="grailbird", accounts={account: kind})


# Personal archives: first-generation Twitter exports (Grailbird) their owners published.
PERSONAL_ARCHIVES = [
    _archive("cogdog/tweets", "3901675a72f19291d1327b366fb5a66fbe6f4727", "cogdog", "educational technologist"),
    _archive(
        "cpjobling/cpjobling-tweets", "28780d94c862f3376c1f9330233dbba0366002c5", "cpjobling", "university lecturer"
    ),
    _archive("IaninSheffield/MyTweets", "03fe50ee288d56cf8e11a28f0aa4203fbb4c62b5", "IaninSheffield", "teacher"),
    _archive("stiles/stilestweets", "bcc91086c163fe4e1f345ec2c386b69cd631ab1c", "stiles", "journalist"),
    _archive("dkuropatwa/dktweets", "7a2dca22ce465eadb27065e4f153f34cf3d7a474", "dkuropatwa", "school administrator"),
    _archive("drjwlowery/Lowery-Tweets", "d614f79f072d4f1e9aed28a72b655b62e291e87a", "drjwlowery", "professor"),
    _archive(
        "ellenforsyth/ellenforsyth-tweets", "66966571881d3f6e30552f5dafe3567ce47f3489", "ellenforsyth", "librarian"
    ),
    _archive(
        "samplereality/samplereality.github.io",
        "74d4cb09e8e4995f7a5fcd3fb16c7ac4e938606a",
        "samplereality",
        "professor",
    ),
    _archive("bizweekgraphics/twitter", "6aa98fe10be89687b23f53b2cec75c2e59417941", "bizweekgraphics", "news outlet"),
    _archive("shareski/twitter", "32b9cccd16162105e5ffadc9f84d26b5ee2cfc50", "shareski", "educator"),
    _archive(
        "paulhibbitts/hibbittsdesign-tweets",
        "bfc5ff5692dd9ffb3de7e846c87fd4c9964fa72a",
        "hibbittsdesign",
        "educator and designer",
    ),
    _archive("reedy/twitter-tweets", "fa430984b1285abd1310952ea54f214d6965694b", "tehreedy", "engineer"),
    _archive("jeremyfelt/tweets.jeremyfelt.com", "52af73f949547b5229e0c7cdf0829061608094b9", "jeremyfelt", "engineer"),
    _archive(
        "briandoll/briandoll-twitter-archive", "6dd3479721f8c6fd98f313f95cf1738fcf6dc072", "briandoll", "executive"
    ),
    _archive("mrkrndvs/T", "4f0aa4eb604b07477e8b02b909e97253f6004c06", "mrkrndvs", "teacher"),
    _archive(
        "drdamian/drdamian-twitter", "da2382276b42eba17709ac742dc92b4b7dba7a4a", "_drdamian", "school administrator"
    ),
    _archive("stevenhill1/twitter-archive", "8f2c37cd6fcb470fabee5433b1760b29fd351f73", "stevenhill", "civil servant"),
    _archive("lisaphillips/tweets", "719a046233be1a70c177908a3160990191c4930e", "lisaphillips", "engineer"),
    _archive("mfshill/mfshill-tweets", "a473527ad71be8c2e9e0f7b30e56c3798e1a4a88", "mfshill", "individual"),
    _archive("bhwilkoff/bhwilkoff.github.io", "e5b040ae2a76108ac09502ce70da778250e1d300", "bhwilkoff", "educator"),
    _archive("calebhearth/tweets", "1312eedbdfc46847a70f940de908503482f1882b", "thompson_caleb", "engineer"),
    _archive(
        "hugorodgerbrown/twitter_archive", "629ede1b076a5c448b5c8f607779183dcccc94ec", "hugorodgerbrown", "executive"
    ),
    _archive("dwradcliffe/tweets", "128b23bda2486b5950ca91a1bd36f4cef3d902ba", "dwradcliffe", "engineer"),
    _archive("ianpatrickhines/tweets", "0c8648c3c559df8af17fb2498e665c29f13228d5", "ianpatrickhines", "consultant"),
    _archive("jonathanmoore/tweets", "9090af846501b399ccc5fb572ab3c3cf90641dbf", "Moore", "executive"),
    _archive("lildude/twitter", "5a8c19b1b63b26f38f712e21a0af32cda744dd67", "lildude", "engineer"),
    _archive("rlivsey/tweets", "fcc2c4acad9535be63809119607a737a1ec1d12e", "rlivsey", "executive"),
    _archive("06b/Twitter-Archive", "69af502390d3ed67288492645abc215129e238db", "06b", "creative technologist"),
    _archive("gfontenot/tweets", "ad3bce5e15b8e185fc20799eccfb2584ba7efd5f", "GFontenot", "engineer"),
    _archive("jgg3mb/monumentsworkinggroup", "f86fd2d9b5a01cc5528cf95dbac5ba44a65336df", "jgg3mb", "researcher"),
    # An organisation's own archive, published the same way.
    _archive(
        "drjwlowery/naspahistory-tweets",
        "98c1b50796da8bcd471623a03da7517f7f460fa2",
        "NASPAhistory",
        "professional association",
    ),
]

_POLITICIAN = "politician"
_OFFICE = "politician's office"

# Members of the 114th US Congress: each account's latest 200 tweets, saved from the API in 2016.
# Accounts drawn once at random (fixed seed) among those with at least 60 usable posts and 8
# replies, plus the two accounts that say they are run by the member's office or press staff.
CONGRESS_ACCOUNTS = dict.fromkeys(
    (
        "Call_Me_Dutch", "chakafattah", "CongressmanGT", "CynthiaLummis", "HurdOnTheHill", "jahimes",
        "JerryMoran", "MarkAmodeiNV2", "Raul_Labrador", "RepAndreCarson", "RepBillJohnson", "RepBobbyRush",
        "RepBradWenstrup", "RepBrady", "RepDavid", "RepDianeBlack", "RepDWStweets", "RepEsty", "RepHultgren",
        "RepJohnDuncanJr", "RepKayGranger", "RepLoBiondo", "RepMarthaRoby", "RepRussell", "RepStephenLynch",
        "RepTomReed", "SanfordBishop", "SenatorCardin", "SenatorTimScott", "SenBennetCO", "sendavidperdue",
        "SenJeffMerkley", "StaceyPlaskett", "SteveKingIA", "YvetteClarke",
    ),
    _POLITICIAN,
) | {"McCaskillOffice": _OFFICE, "BlumenauerMedia": _OFFICE, "RepBlainePress": _OFFICE}  # fmt: skip

CONGRESS = Source(
    repo="datademofun/tweepy-congress-collector",
    commit="fe1278de5ed725df574bfaa779c0e4c52075b490",
    shape="api_timelines",
    accounts=CONGRESS_ACCOUNTS,
    per_account=45,
    path="data/twitter/tweets",
    profiles_dir="data/twitter/profiles",
)

# Companies' customer-support replies: a 1,000-row excerpt of "Customer Support on Twitter".
CUSTOMER_SUPPORT = Source(
    repo="arslanmit/chatbotAnalyticsLab",
    commit="78d5896d0b7c46c54673ba6633b8ea2e143ef46f",
    shape="customer_support_csv",
    accounts=dict.fromkeys(("AppleSupport", "SpotifyCares", "Tesco", "VirginTrains", "British_Airways"), "company"),
    path="Dataset/CustomerSupportOnTwitter/sample.csv",
)

# Second wave: accounts nearer the professionals the product serves (health care, universities,
# institutions speaking to the public). Drawn after batches 01-09 were labelled, so appended.
_SECOND_WAVE_PER_ACCOUNT = 50


def _second_wave_archive(repo: str, commit: str, account: str, kind: str) -> Source:
    return Source(
        repo=repo,
        commit=commit,
        shape="grailbird",
        accounts={account: kind},
        per_account=_SECOND_WAVE_PER_ACCOUNT,
        wave=2,
    )


SECOND_WAVE_ARCHIVES = [
    _second_wave_archive(
        "dwreflections/tweets", "618bf202c1126d28152abbc80f7cc9b77bb6e623", "beardedPT", "student physiotherapist"
    ),
    _second_wave_archive(
        "StewartJohn/twitterArchive", "5f5e16ab478553da6fc8fb48ff640971bd0a2b2e", "jstew511", "university staff"
    ),
    _second_wave_archive(
        "LeeFallin/twitter", "6ba33287d9c39da4dd44dc06945e6bdbbe899933", "LeeFallin", "university staff"
    ),
    _second_wave_archive(
        "mpelzel/twitter-archive", "ebfe4672fb87c1b8fdea492770193c93f50a34ff", "MorrisPelzel", "university staff"
    ),
    _second_wave_archive(
        "wynkenhimself/wynkenhimself.github.io",
        "9ab6828bfa6844e47d18ad8ec149275c1e1656c4",
        "wynkenhimself",
        "researcher",
    ),
    _second_wave_archive(
        "michaelryannorton/startupsandiego",
        "19e191aaf02842452f9deac8720fead0b632ca05",
        "StartupSanDiego",
        "non-profit organisation",
    ),
]

_HEALTH_NEWS_REPO = "salllwaaa/Tweets_Clustring"
_HEALTH_NEWS_COMMIT = "c3398665fae7a96e33d36f1da0985d9552ee4417"
# The UCI "Health News in Twitter" files (one per account, 2011-2015) in a copy that keeps them whole.
# NBChealth, foxnewshealth, msnhealthnews and wsjhealth are left out: those files are not UTF-8.
_HEALTH_NEWS_ACCOUNTS = {
    "bbchealth": "news outlet",
    "cbchealth": "news outlet",
    "cnnhealth": "news outlet",
    "everydayhealth": "health website",
    "gdnhealthcare": "news outlet",
    "goodhealth": "magazine",
    "KaiserHealthNews": "news outlet",
    "latimeshealth": "news outlet",
    "nprhealth": "news outlet",
    "nytimeshealth": "news outlet",
    "reuters_health": "news outlet",
    "usnewshealth": "news outlet",
}
HEALTH_NEWS = [
    Source(
        repo=_HEALTH_NEWS_REPO,
        commit=_HEALTH_NEWS_COMMIT,
        shape="id_date_text_lines",
        accounts={account: kind},
        per_account=_SECOND_WAVE_PER_ACCOUNT,
        path=f"Health-Tweets/{account}.txt",
        wave=2,
    )
    for account, kind in _HEALTH_NEWS_ACCOUNTS.items()
]

# Third wave: institutions speaking to the public, which the first two waves lack. The US Centers
# for Disease Control and Prevention's own posts from January to June 2020 (early COVID-19), saved
# with GetOldTweets from its public profile: broadcast guidance and a few answers to the public.
PUBLIC_HEALTH_AGENCY = Source(
    repo="WenSi001/WenSi001.github.io",
    commit="a0a15a3562e194d91fa71a4b5750c025a2be736f",
    shape="getoldtweets_csv",
    accounts={"CDCgov": "government agency"},
    per_account=50,
    path="cdc.csv",
    wave=3,
)


def _export(repo: str, commit: str, path: str, account: str, kind: str) -> Source:
    return Source(repo=repo, commit=commit, shape="export_file", accounts={account: kind}, path=path, wave=4)


# Fourth wave: the other platforms the product reads. LinkedIn data exports and a Mastodon export
# that their owners published; only the posts (`Shares.csv`, `outbox.json`) are read. The accounts
# are named by their repositories' owners: the exports do not carry a handle.
PLATFORM_EXPORTS = [
    _export(
        "SStellaMary/LinkedIn-Analysis",
        "f4147dbd1c89ced21a0570a824e4b8c93f575131",
        "Shares.csv",
        "SStellaMary",
        "data analyst",
    ),
    _export(
        "Femi10/Linkedin-Data-Visualization",
        "fec71eee77b64330737bc33a29b06318b4360293",
        "Shares.csv",
        "Femi10",
        "data analyst",
    ),
    _export(
        "apk0703/linkdin_profile_analysis",
        "40aeb9aab9b3f6893b44fcc12951967bcc94c5d5",
        "Shares.csv",
        "apk0703",
        "data analyst",
    ),
    _export(
        "philhawksworth/hawksworx.com",
        "acc6f5d5b37de2366759bb9f9778abbe10f6e7b8",
        "outbox.json",
        "philhawksworth",
        "developer advocate",
    ),
]

# Fifth wave: more of each personal or organisation's archive already in the corpus, drawn among the
# posts the first two waves did not take. A model learns a voice from more than 50 or 60 posts of it.
MORE_FROM_ARCHIVES = [replace(source, per_account=30, wave=5) for source in (*PERSONAL_ARCHIVES, *SECOND_WAVE_ARCHIVES)]

SOURCES: list[Source] = [
    *PERSONAL_ARCHIVES,
    CONGRESS,
    CUSTOMER_SUPPORT,
    *SECOND_WAVE_ARCHIVES,
    *HEALTH_NEWS,
    PUBLIC_HEALTH_AGENCY,
    *PLATFORM_EXPORTS,
    *MORE_FROM_ARCHIVES,
]
