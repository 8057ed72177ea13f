//! Word lists that decide a fact's category. Lower-case, singular; a list decides only when a
//! pattern has already found a first-person statement, so a missing word costs a category, not
//! a wrong fact.

#[rustfmt::skip]
pub const OCCUPATIONS: &[&str] = &[
    "accountant", "actor", "actress", "administrator", "agent", "analyst", "architect", "artist",
    "assistant", "astronaut", "athlete", "attorney", "author", "babysitter", "baker", "banker",
    "barber", "barista", "bartender", "beautician", "bodyguard", "bookkeeper", "builder",
    "bus driver", "butcher", "butler", "carpenter", "cashier", "caterer", "ceo", "chef", "chemist",
    "chiropractor", "cleaner", "clerk", "coach", "composer", "consultant", "contractor", "cook",
    "counselor", "courier", "cowboy", "dancer", "dentist", "designer", "detective", "developer",
    "dietitian", "director", "doctor", "driver", "economist", "editor", "electrician", "engineer",
    "entrepreneur", "executive", "farmer", "firefighter", "fireman", "fisherman", "florist",
    "freelancer", "gardener", "geologist", "guard", "hairdresser", "hairstylist", "housekeeper",
    "illustrator", "instructor", "insurance agent", "intern", "investor", "janitor", "jeweler",
    "journalist", "judge", "landscaper", "lawyer", "lecturer", "librarian", "lifeguard",
    "locksmith", "lumberjack", "machinist", "maid", "manager", "marine", "mechanic", "medic",
    "midwife", "miner", "model", "musician", "nanny", "nurse", "officer", "optometrist", "painter",
    "paralegal", "paramedic", "pa", "pharmacist", "photographer", "physician", "physicist",
    "physiotherapist", "pilot", "plumber", "policeman", "policewoman", "politician", "postman",
    "priest", "producer", "professor", "programmer", "psychologist", "psychiatrist", "rancher",
    "realtor", "receptionist", "reporter", "researcher", "sailor", "salesman", "saleswoman",
    "salesperson", "scientist", "secretary", "senator", "server", "sheriff", "singer", "soldier",
    "surgeon", "tailor", "teacher", "technician", "therapist", "trainer", "translator", "trucker",
    "tutor", "veterinarian", "vet", "waiter", "waitress", "welder", "writer", "youtuber",
    "zookeeper", "stuntman", "stuntwoman", "ranger", "cop", "detective", "pastor", "preacher",
    "rabbi", "monk", "nun", "chauffeur", "dispatcher", "inspector", "lawmaker", "mayor",
    "governor", "president", "sergeant", "lieutenant", "captain", "general", "colonel", "admiral",
    "veteran", "surveyor", "statistician", "mathematician", "biologist", "archaeologist",
    "astronomer", "botanist", "zoologist", "pediatrician", "dermatologist", "cardiologist",
    "radiologist", "anesthesiologist", "orthodontist", "hygienist", "pharmacologist", "comedian",
    "magician", "clown", "dj", "rapper", "drummer", "guitarist", "pianist", "violinist", "bassist",
    "vocalist", "conductor", "novelist", "poet", "blogger", "influencer", "streamer", "animator",
    "cartoonist", "sculptor", "potter", "tattooist", "stylist", "cosmetologist", "esthetician",
    "masseuse", "masseur", "bouncer", "bellhop", "concierge", "custodian", "dishwasher", "busboy",
    "hostess", "host", "usher", "telemarketer", "broker", "trader", "banker", "auditor", "actuary",
    "underwriter", "recruiter", "bricklayer", "roofer", "plasterer", "glazier", "mason",
    "blacksmith", "foreman", "laborer", "worker", "employee", "volunteer", "homemaker",
    "housewife", "househusband", "fisher", "hunter", "breeder", "beekeeper", "shepherd", "miner",
    "logger", "trucker", "mailman", "postwoman", "delivery driver", "dog walker", "lobbyist",
    "diplomat", "ambassador", "spy", "agent", "bodybuilder", "wrestler", "boxer", "jockey",
    "referee", "umpire", "quarterback", "goalie", "pitcher", "player",
];

#[rustfmt::skip]
pub const STUDENT_WORDS: &[&str] = &[
    "student", "freshman", "sophomore", "junior", "senior", "graduate", "grad", "undergrad",
    "undergraduate", "major", "minor", "pupil", "schoolgirl", "schoolboy", "alumnus", "alumna",
    "dropout", "scholar", "apprentice", "trainee", "cadet", "phd", "postdoc",
];

#[rustfmt::skip]
pub const SCHOOL_WORDS: &[&str] = &[
    "school", "college", "university", "grade", "class", "course", "degree", "masters", "master",
    "bachelor", "diploma", "phd", "academy", "program", "kindergarten", "classes", "courses",
    "semester", "major", "uni", "law", "med", "community",
];

#[rustfmt::skip]
pub const GENDER_WORDS: &[&str] = &[
    "boy", "girl", "man", "woman", "guy", "gal", "lady", "gentleman", "male", "female", "dude",
    "chick", "lad", "lass", "tomboy", "nonbinary", "non-binary", "transgender", "trans",
];

#[rustfmt::skip]
pub const FAMILY_WORDS: &[&str] = &[
    "mom", "mother", "mum", "mommy", "dad", "father", "daddy", "parent", "brother", "sister",
    "sibling", "son", "daughter", "kid", "child", "children", "baby", "twin", "grandma",
    "grandmother", "grandpa", "grandfather", "grandparent", "grandson", "granddaughter",
    "grandchild", "grandchildren", "grandkid", "aunt", "uncle", "cousin", "niece", "nephew",
    "stepmom", "stepdad", "stepmother", "stepfather", "stepbrother", "stepsister", "stepson",
    "stepdaughter", "family", "in-law", "inlaw", "mother-in-law", "father-in-law", "toddler",
    "teenager", "newborn", "triplet", "sons", "daughters", "brothers", "sisters",
];

#[rustfmt::skip]
pub const PARTNER_WORDS: &[&str] = &[
    "wife", "husband", "boyfriend", "girlfriend", "fiance", "fiancee", "fiancé", "fiancée",
    "partner", "spouse", "bf", "gf",
];

#[rustfmt::skip]
pub const PETS: &[&str] = &[
    "dog", "cat", "puppy", "kitten", "kitty", "pup", "fish", "goldfish", "hamster", "rabbit",
    "bunny", "bird", "parrot", "parakeet", "budgie", "canary", "turtle", "tortoise", "snake",
    "lizard", "gecko", "iguana", "horse", "pony", "donkey", "goat", "pig", "cow", "chicken", "hen",
    "rooster", "duck", "sheep", "lamb", "ferret", "guinea", "gerbil", "mouse", "rat", "hedgehog",
    "chinchilla", "frog", "spider", "tarantula", "cockatiel", "pet", "animal", "shepherd", "lab",
    "labrador", "retriever", "poodle", "terrier", "husky", "beagle", "bulldog", "chihuahua",
    "dachshund", "pug", "corgi", "collie", "rottweiler", "boxer", "dalmatian", "doberman",
    "greyhound", "mastiff", "pitbull", "shih", "tzu", "maltese", "spaniel", "schnauzer",
    "pomeranian", "persian", "siamese", "tabby", "calico", "mutt", "stallion", "mare", "alpaca",
    "llama", "chickens", "cattle", "bees", "bee", "ants",
];

#[rustfmt::skip]
pub const FOODS: &[&str] = &[
    "food", "pizza", "pasta", "spaghetti", "lasagna", "burger", "hamburger", "cheeseburger",
    "sandwich", "taco", "burrito", "sushi", "ramen", "noodle", "rice", "bread", "cheese",
    "chocolate", "candy", "cake", "cookie", "pie", "ice cream", "icecream", "donut", "doughnut",
    "cupcake", "muffin", "pancake", "waffle", "bacon", "egg", "steak", "beef", "chicken", "pork",
    "meat", "fish", "seafood", "shrimp", "lobster", "crab", "salmon", "tuna", "salad", "soup",
    "vegetable", "veggie", "fruit", "apple", "banana", "orange", "strawberry", "blueberry",
    "grape", "mango", "pineapple", "peach", "watermelon", "lemon", "cherry", "berry", "potato",
    "fries", "fry", "chip", "popcorn", "pretzel", "nut", "peanut", "almond", "hummus", "falafel",
    "shawarma", "kebab", "curry", "dumpling", "pho", "tofu", "bean", "corn", "carrot", "broccoli",
    "spinach", "kale", "avocado", "tomato", "onion", "garlic", "pepper", "spicy", "sweet",
    "dessert", "snack", "breakfast", "lunch", "dinner", "meal", "dish", "cuisine", "coffee", "tea",
    "beer", "wine", "whiskey", "vodka", "soda", "juice", "milk", "smoothie", "milkshake",
    "lemonade", "cocktail", "drink", "latte", "espresso", "cappuccino", "mocha", "yogurt",
    "cereal", "oatmeal", "granola", "butter", "jam", "honey", "syrup", "sauce", "ketchup",
    "mustard", "mayo", "barbecue", "bbq", "wings", "hotdog", "sausage", "ham", "turkey", "jerky",
    "cheesecake", "brownie", "pudding", "gelato", "sorbet", "vanilla", "candy", "gum", "licorice",
    "marshmallow", "mexican", "italian", "chinese", "japanese", "thai", "indian", "korean",
    "greek", "vietnamese", "mediterranean", "french", "vegan", "vegetarian", "gluten", "dairy",
    "sugar", "carb", "carbs", "protein", "oyster", "clam", "mussel", "bagel", "croissant", "toast",
    "biscuit", "gravy", "mac", "nacho", "quesadilla", "enchilada", "salsa", "guacamole", "kimchi",
    "bibimbap", "tempura", "teriyaki",
];

#[rustfmt::skip]
pub const DIETS: &[&str] = &[
    "vegan", "vegetarian", "pescatarian", "pescetarian", "omnivore", "carnivore", "keto", "paleo",
    "gluten-free", "lactose", "intolerant", "foodie", "picky", "raw", "kosher", "halal",
];

#[rustfmt::skip]
pub const RELIGIONS: &[&str] = &[
    "christian", "catholic", "protestant", "baptist", "methodist", "lutheran", "mormon", "muslim",
    "islamic", "jewish", "jew", "hindu", "buddhist", "sikh", "atheist", "agnostic", "pagan",
    "wiccan", "religious", "spiritual", "orthodox", "evangelical", "pentecostal", "jain", "taoist",
    "shinto", "quaker", "amish", "rastafarian", "believer",
];

#[rustfmt::skip]
pub const NATIONALITIES: &[&str] = &[
    "american", "canadian", "mexican", "british", "english", "scottish", "irish", "welsh",
    "french", "german", "italian", "spanish", "portuguese", "dutch", "belgian", "swiss",
    "austrian", "swedish", "norwegian", "danish", "finnish", "icelandic", "polish", "czech",
    "slovak", "hungarian", "romanian", "bulgarian", "greek", "turkish", "russian", "ukrainian",
    "chinese", "japanese", "korean", "vietnamese", "thai", "filipino", "indonesian", "malaysian",
    "indian", "pakistani", "bangladeshi", "nepali", "iranian", "iraqi", "israeli", "egyptian",
    "moroccan", "nigerian", "kenyan", "ethiopian", "ghanaian", "south african", "australian",
    "brazilian", "argentinian", "argentine", "chilean", "colombian", "peruvian", "venezuelan",
    "cuban", "puerto rican", "jamaican", "haitian", "dominican", "lebanese", "syrian", "saudi",
    "afghan", "somali", "latino", "latina", "hispanic", "asian", "african", "european", "native",
];

#[rustfmt::skip]
pub const LANGUAGES: &[&str] = &[
    "english", "spanish", "french", "german", "italian", "portuguese", "dutch", "russian",
    "chinese", "mandarin", "cantonese", "japanese", "korean", "arabic", "hindi", "urdu", "bengali",
    "punjabi", "turkish", "greek", "hebrew", "swedish", "norwegian", "danish", "finnish", "polish",
    "czech", "hungarian", "romanian", "ukrainian", "vietnamese", "thai", "tagalog", "indonesian",
    "malay", "swahili", "persian", "farsi", "latin", "sign", "asl", "esperanto", "gaelic", "welsh",
    "irish", "catalan", "tamil", "telugu",
];

#[rustfmt::skip]
pub const PERSONALITY: &[&str] = &[
    "shy", "introverted", "introvert", "extroverted", "extrovert", "outgoing", "friendly", "kind",
    "funny", "honest", "loyal", "lazy", "ambitious", "creative", "curious", "patient", "impatient",
    "stubborn", "optimistic", "pessimistic", "optimist", "pessimist", "quiet", "loud", "talkative",
    "social", "antisocial", "competitive", "adventurous", "organized", "disorganized", "messy",
    "neat", "clumsy", "sensitive", "emotional", "caring", "generous", "selfish", "confident",
    "insecure", "independent", "responsible", "hardworking", "perfectionist", "workaholic",
    "romantic", "sarcastic", "nerdy", "nerd", "geek", "geeky", "dork", "loner", "recluse",
    "homebody", "spontaneous", "cautious", "brave", "calm", "easygoing", "laid-back", "energetic",
    "hyper", "picky", "weird", "strange", "quirky", "goofy", "silly", "serious", "rebellious",
    "wild", "smart", "intelligent", "clever", "wise", "humble", "proud", "polite", "rude",
    "grumpy", "cheerful", "bubbly", "positive", "negative", "moody", "lonely", "feminist",
    "activist", "introspective", "reserved", "private", "lazy", "high-maintenance",
    "low-maintenance", "tomboy", "daredevil", "adrenaline", "junkie", "party", "animal", "person",
    "owl", "early", "bird", "morning", "night", "people", "thrill", "seeker", "bookworm", "couch",
    "potato", "gamer", "dreamer", "worrier", "overachiever", "procrastinator", "shopaholic",
    "neat freak", "clean freak", "control freak", "health nut", "gym rat", "fashionista",
    "hipster", "hippie", "rebel", "fighter", "survivor", "leader", "follower", "listener",
    "talker", "free spirit", "old soul", "empath", "genius",
];

#[rustfmt::skip]
pub const APPEARANCE: &[&str] = &[
    "tall", "short", "skinny", "thin", "slim", "fat", "overweight", "chubby", "muscular", "strong",
    "fit", "athletic", "petite", "curvy", "bald", "blonde", "blond", "brunette", "redhead",
    "ginger", "pale", "tan", "tanned", "freckled", "beautiful", "handsome", "pretty", "cute",
    "ugly", "attractive", "hairy", "tattooed", "pierced", "hair", "eyes", "eye", "skin", "tattoo",
    "tattoos", "freckles", "beard", "mustache", "moustache", "piercing", "piercings", "glasses",
    "braces", "dimples", "scar", "height", "weight", "complexion", "feet", "foot", "inches", "cm",
    "pounds", "lbs", "kg", "nails",
];

#[rustfmt::skip]
pub const HEALTH: &[&str] = &[
    "allergy", "allergic", "allergies", "diabetes", "diabetic", "asthma", "asthmatic", "cancer",
    "anxiety", "depression", "depressed", "adhd", "add", "autism", "autistic", "disease",
    "disorder", "condition", "arthritis", "addiction", "addict", "alcoholic", "migraine",
    "migraines", "insomnia", "ptsd", "ocd", "illness", "injury", "surgery", "transplant",
    "prosthetic", "wheelchair", "crutches", "cane", "blind", "deaf", "disabled", "disability",
    "pregnant", "sick", "ill", "cold", "flu", "covid", "virus", "infection", "broken", "pain",
    "back pain", "bipolar", "schizophrenia", "dyslexia", "dyslexic", "epilepsy", "epileptic",
    "celiac", "hiv", "heart", "kidney", "liver", "lung", "stroke", "paralyzed", "amputee", "sober",
    "recovering", "rehab", "therapy", "medication", "chemo", "chemotherapy", "hearing", "cast",
    "concussion", "fracture", "sprained", "overweight", "obese", "vegan", "smoker", "smoking",
    "smoke", "hypertension", "cholesterol", "deathly", "phobia", "claustrophobic", "agoraphobic",
    "insomniac",
];

#[rustfmt::skip]
pub const RELATIONSHIP_STATES: &[&str] = &[
    "married", "single", "divorced", "engaged", "widowed", "widow", "widower", "separated",
    "taken", "dating", "bachelor", "bachelorette", "spinster", "remarried",
];

#[rustfmt::skip]
pub const INSTRUMENTS: &[&str] = &[
    "guitar", "piano", "violin", "drums", "drum", "bass", "cello", "flute", "saxophone", "sax",
    "trumpet", "trombone", "clarinet", "harp", "ukulele", "banjo", "keyboard", "harmonica",
    "accordion", "viola", "oboe", "tuba", "organ", "mandolin", "bagpipes", "xylophone",
    "tambourine",
];

pub fn has(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Whether any word of `words` (already lower-case and singular) is in `list`, or any two
/// neighbouring words are ("german shepherd", "bus driver").
pub fn any(list: &[&str], words: &[String]) -> bool {
    words.iter().any(|w| list.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|p| list.contains(&format!("{} {}", p[0], p[1]).as_str()))
}
