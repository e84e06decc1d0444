//! The words the corpus generator writes with: general English prose vocabulary, topic words,
//! syllables for names, and Chinese and Japanese words. Ordered roughly by how often a newspaper
//! uses them, because `Rng::zipf` favours the front of each list: a few words are everywhere and
//! most are rare, which is what makes searches over real text selective.

pub const TOPICS: &[Topic] = &[
    Topic {
        section: "politics",
        nouns: &[
            "government", "minister", "parliament", "election", "coalition", "opposition",
            "party", "vote", "cabinet", "reform", "bill", "campaign", "senate", "mayor",
            "constitution", "referendum", "candidate", "voters", "ballot", "spokesman",
            "delegation", "treaty", "ministry", "chancellor", "governor", "amendment",
        ],
    },
    Topic {
        section: "business",
        nouns: &[
            "market", "economy", "inflation", "bank", "company", "shares", "investors",
            "budget", "deficit", "growth", "prices", "trade", "exports", "tariffs", "profits",
            "revenue", "factory", "merger", "wages", "interest rates", "debt", "bonds",
            "currency", "recession", "supply chain", "shareholders", "startup", "retailers",
        ],
    },
    Topic {
        section: "science",
        nouns: &[
            "researchers", "study", "scientists", "data", "experiment", "university",
            "laboratory", "telescope", "species", "vaccine", "climate", "genome", "patients",
            "trial", "emissions", "glacier", "satellite", "neurons", "protein", "fossil",
            "reactor", "hypothesis", "sample", "particles", "microbes", "coral reef",
        ],
    },
    Topic {
        section: "culture",
        nouns: &[
            "museum", "novel", "festival", "film", "exhibition", "audience", "orchestra",
            "painter", "theatre", "album", "director", "poet", "gallery", "critics", "premiere",
            "archive", "composer", "manuscript", "sculpture", "library", "choir", "playwright",
        ],
    },
    Topic {
        section: "world",
        nouns: &[
            "border", "talks", "summit", "refugees", "ceasefire", "sanctions", "embassy",
            "allies", "negotiations", "troops", "diplomats", "agreement", "region", "capital",
            "province", "protesters", "envoy", "alliance", "peace plan", "aid convoy",
            "foreign ministry", "security council", "delegates", "monitors",
        ],
    },
    Topic {
        section: "technology",
        nouns: &[
            "software", "network", "users", "platform", "chips", "engineers", "algorithm",
            "server", "startup", "encryption", "devices", "battery", "robot", "browser",
            "database", "outage", "update", "developers", "privacy", "model", "processor",
            "cable", "spectrum", "firmware", "data centre",
        ],
    },
    Topic {
        section: "sport",
        nouns: &[
            "team", "match", "season", "coach", "league", "players", "goal", "final",
            "tournament", "stadium", "championship", "injury", "transfer", "referee", "fans",
            "victory", "defeat", "record", "squad", "captain", "penalty", "marathon",
        ],
    },
];

pub struct Topic {
    pub section: &'static str,
    pub nouns: &'static [&'static str],
}

/// Nouns that any article may use.
pub const NOUNS: &[&str] = &[
    "people", "year", "time", "week", "officials", "plan", "report", "city", "country",
    "decision", "question", "problem", "change", "system", "group", "number", "part", "world",
    "state", "case", "level", "policy", "money", "issue", "community", "family", "village",
    "service", "building", "road", "river", "council", "committee", "agency", "court",
    "statement", "evidence", "interview", "letter", "meeting", "proposal", "figures",
    "residents", "experts", "critics", "supporters", "workers", "farmers", "teachers",
    "doctors", "students", "children", "neighbours", "region", "coast", "harbour", "valley",
    "winter", "summer", "morning", "decade", "century", "history", "future", "crisis",
    "pressure", "debate", "effort", "programme", "network", "project", "deal", "record",
    "warning", "risk", "shortage", "surplus", "strategy", "inquiry", "audit", "survey",
    "document", "archive", "framework", "compromise", "consensus", "backlash", "turnout",
    "threshold", "loophole", "blueprint", "stalemate", "windfall", "bottleneck", "upheaval",
    "moratorium", "contingency", "ombudsman", "provenance", "cartography", "palimpsest",
];

pub const ADJECTIVES: &[&str] = &[
    "new", "local", "national", "public", "large", "small", "major", "former", "recent",
    "early", "late", "final", "important", "economic", "political", "social", "key",
    "international", "regional", "difficult", "strong", "weak", "significant", "modest",
    "cautious", "sharp", "slow", "rapid", "unexpected", "long", "short", "broad", "narrow",
    "fragile", "stubborn", "ambitious", "controversial", "temporary", "permanent",
    "independent", "rural", "urban", "coastal", "northern", "southern", "eastern", "western",
    "annual", "quarterly", "fiscal", "bilateral", "unprecedented", "lingering", "tentative",
    "sweeping", "piecemeal", "belated", "overdue", "precarious", "meticulous", "quixotic",
];

/// Past-tense verbs taking an object.
pub const VERBS: &[&str] = &[
    "announced", "approved", "rejected", "reported", "proposed", "criticised",
    "welcomed", "delayed", "expanded", "reduced", "raised", "cut", "introduced", "launched",
    "signed", "blocked", "reviewed", "defended", "questioned", "revealed", "confirmed",
    "denied", "challenged", "supported", "opposed", "postponed", "restored", "scrapped",
    "unveiled", "endorsed", "overturned", "renegotiated", "ratified", "audited", "shelved",
    "accelerated", "curtailed", "overhauled", "scrutinised", "rebuffed", "salvaged",
];

/// Past-tense verbs that report speech.
pub const SAYING: &[&str] = &[
    "said", "told reporters", "argued", "warned", "noted", "added", "insisted", "explained",
    "acknowledged", "wrote", "conceded", "cautioned",
];

pub const ADVERBS: &[&str] = &[
    "quickly", "slowly", "again", "already", "recently", "finally", "openly", "quietly",
    "sharply", "largely", "partly", "formally", "privately", "publicly", "reluctantly",
    "abruptly", "narrowly", "unanimously", "tentatively", "belatedly",
];

pub const PREPOSITIONS: &[&str] = &[
    "in", "after", "before", "despite", "during", "amid", "following", "ahead of", "without",
    "under", "beyond", "against",
];

pub const CONNECTIVES: &[&str] = &[
    "However", "Meanwhile", "At the same time", "Still", "In the end", "For now",
    "By contrast", "Even so", "Last year", "Earlier this month", "On Tuesday", "On Friday",
    "In a statement", "According to the report", "In the meantime", "Since then",
];

pub const ROLES: &[&str] = &[
    "a spokeswoman for", "the director of", "a senior economist at", "a professor at",
    "the head of", "an analyst at", "a researcher at", "the chair of", "a lawyer for",
    "a former adviser to",
];

pub const ORGANISATIONS: &[&str] = &[
    "the Institute for Public Policy", "the Central Bank", "the National Museum",
    "the University of Northfield", "the Harbour Authority", "the Audit Office",
    "the Workers' Federation", "the Chamber of Commerce", "the Meteorological Office",
    "the Open Data Trust", "the Regional Health Board", "the Federation of Farmers",
];

/// Syllables that make up place names and surnames: a deterministic long tail of proper nouns.
pub const NAME_SYLLABLES: &[&str] = &[
    "val", "dor", "ka", "mir", "tel", "bran", "os", "ven", "lu", "ga", "rin", "sto", "mar",
    "eth", "ar", "bel", "cor", "den", "fal", "hal", "is", "jor", "kel", "lin", "nor", "pra",
    "quen", "ros", "sal", "tor", "ul", "vik", "wen", "yar", "zol", "an", "ber", "ca", "mo",
];

pub const FIRST_NAMES: &[&str] = &[
    "Anna", "David", "Maria", "James", "Elena", "Thomas", "Sofia", "Daniel", "Laura", "Peter",
    "Ines", "Marcus", "Clara", "Omar", "Hannah", "Victor", "Amara", "Lucas", "Nadia", "Felix",
    "Priya", "Jonas", "Mei", "Samuel", "Leila", "Hugo", "Ingrid", "Tariq", "Rosa", "Kenji",
];

pub const SURNAMES: &[&str] = &[
    "Kireeva", "Morgan", "Okafor", "Lindqvist", "Moreau", "Rossi", "Novak", "Haddad",
    "Fischer", "Tanaka", "Silva", "Kowalski", "Brennan", "Petrov", "Jensen", "Alvarez",
    "Nakamura", "Osei", "Dubois", "Hartmann", "Costa", "Varga", "Mendes", "Ahmed", "Larsen",
];

pub const SOURCES: &[&str] = &[
    "The Daily Ledger", "Northfield Review", "The Harbour Gazette", "Open Science Weekly",
    "The Evening Courier", "Meridian News", "The Civic Times",
];

/// Lines of page furniture a saved web page often starts with; `article::clean` removes them.
pub const INTERFACE_LINES: &[&str] = &[
    "Print | Share | Email",
    "Share on Facebook  Share on Twitter  Email",
    "Skip to content",
    "Listen to this article",
];

/// Chinese words (two or more characters) for CJK articles.
pub const CHINESE: &[&str] = &[
    "政府", "经济", "市场", "发展", "问题", "国家", "城市", "公司", "研究", "报告", "部长",
    "会议", "政策", "增长", "投资", "计划", "合作", "地区", "社会", "技术", "科学家", "大学",
    "环境", "气候", "能源", "农民", "工人", "价格", "改革", "协议", "银行", "文化", "博物馆",
    "历史", "未来", "数据", "专家", "居民", "交通", "医院", "学校", "教育", "法律", "法院",
];

pub const CHINESE_VERBS: &[&str] = &[
    "宣布", "表示", "批准", "拒绝", "提出", "支持", "反对", "推迟", "扩大", "减少", "发布",
    "讨论", "认为", "指出", "加强", "实施",
];

pub const CHINESE_GLUE: &[&str] = &["的", "了", "在", "和", "对", "将", "也", "已经", "正在", "今年"];

/// Japanese nouns, verbs (plain past) and particles for Japanese articles.
pub const JAPANESE: &[&str] = &[
    "政府", "経済", "市場", "首相", "議会", "研究者", "大学", "会社", "計画", "報告書",
    "予算", "選挙", "環境", "気候", "技術", "地域", "住民", "東京", "大阪", "専門家",
    "物価", "輸出", "博物館", "図書館", "文化", "歴史", "未来", "データ", "エネルギー",
    "インフレ", "ネットワーク", "プロジェクト",
];

pub const JAPANESE_VERBS: &[&str] = &[
    "発表した", "承認した", "批判した", "提案した", "延期した", "拡大した", "削減した",
    "検討している", "求めた", "明らかにした", "指摘した", "強調した",
];

pub const JAPANESE_PARTICLES: &[&str] = &["は", "が", "を", "に", "の", "で", "と", "も"];

pub const CJK_NAMES: &[&str] = &[
    "王伟", "李娜", "张敏", "刘洋", "陈静", "山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲",
];
