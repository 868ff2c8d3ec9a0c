/**
 * Word lists the text generators draw from. Each topic has the nouns its posts
 * talk about and the sites its links point to; curated communities come first
 * (so every size has the same well-known ones), generated ones follow.
 */
export interface Topic {
  key: string;
  /** Things people post about. */
  nouns: readonly string[];
  /** Link domains typical for the topic. */
  domains: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  { key: "pics", nouns: ["sunset", "old photo", "street corner", "mountain lake", "cat", "thrift store find", "sky", "garden"], domains: ["i.imgur.com", "i.redd.it", "flickr.com"] },
  { key: "ask", nouns: ["advice", "first job", "childhood memory", "habit", "life hack", "weird rule", "hobby", "regret"], domains: ["en.wikipedia.org", "nytimes.com"] },
  { key: "news", nouns: ["election", "trade deal", "heatwave", "court ruling", "central bank", "ceasefire", "summit", "strike"], domains: ["bbc.co.uk", "reuters.com", "apnews.com", "theguardian.com", "aljazeera.com"] },
  { key: "programming", nouns: ["compiler", "type system", "database index", "memory leak", "code review", "monorepo", "garbage collector", "race condition", "regex"], domains: ["github.com", "news.ycombinator.com", "blog.rust-lang.org", "martinfowler.com", "lwn.net"] },
  { key: "science", nouns: ["exoplanet", "protein fold", "fusion reactor", "gut bacteria", "neutrino", "fossil", "vaccine trial", "glacier"], domains: ["nature.com", "science.org", "phys.org", "arxiv.org", "quantamagazine.org"] },
  { key: "gaming", nouns: ["speedrun", "patch", "boss fight", "indie game", "controller", "save file", "open world", "roguelike"], domains: ["youtube.com", "store.steampowered.com", "polygon.com", "eurogamer.net"] },
  { key: "movies", nouns: ["trailer", "director's cut", "soundtrack", "sequel", "plot hole", "casting choice", "documentary", "box office"], domains: ["youtube.com", "variety.com", "imdb.com", "hollywoodreporter.com"] },
  { key: "cooking", nouns: ["sourdough", "cast iron pan", "ramen broth", "knife", "curry", "dumpling", "spice rack", "pizza dough"], domains: ["seriouseats.com", "bonappetit.com", "youtube.com", "i.imgur.com"] },
  { key: "music", nouns: ["album", "bassline", "vinyl", "synth", "setlist", "cover song", "mixtape", "guitar pedal"], domains: ["youtube.com", "bandcamp.com", "pitchfork.com", "soundcloud.com"] },
  { key: "books", nouns: ["novel", "paperback", "reading list", "library card", "sci-fi series", "memoir", "translation", "audiobook"], domains: ["goodreads.com", "theguardian.com", "lithub.com"] },
  { key: "fitness", nouns: ["deadlift", "running plan", "protein shake", "rest day", "kettlebell", "marathon", "mobility routine", "gym"], domains: ["youtube.com", "runnersworld.com", "i.imgur.com"] },
  { key: "space", nouns: ["rocket launch", "rover", "telescope image", "space station", "moon landing", "comet", "orbit", "satellite"], domains: ["nasa.gov", "esa.int", "space.com", "spacenews.com"] },
  { key: "technology", nouns: ["smartphone", "battery", "chip", "laptop", "open source project", "privacy policy", "router", "e-reader"], domains: ["theverge.com", "arstechnica.com", "wired.com", "techcrunch.com"] },
  { key: "diy", nouns: ["workbench", "shelf", "bathroom tile", "deck", "lamp", "raised bed", "drywall patch", "bike repair"], domains: ["i.imgur.com", "instructables.com", "youtube.com"] },
  { key: "history", nouns: ["empire", "manuscript", "battle", "trade route", "castle", "dynasty", "shipwreck", "ancient city"], domains: ["en.wikipedia.org", "smithsonianmag.com", "historytoday.com"] },
  { key: "travel", nouns: ["night train", "hostel", "road trip", "border crossing", "street food", "hiking trail", "ferry", "old town"], domains: ["i.imgur.com", "lonelyplanet.com", "nytimes.com"] },
  { key: "finance", nouns: ["index fund", "budget", "mortgage", "emergency fund", "credit score", "pension", "side hustle", "tax return"], domains: ["ft.com", "bloomberg.com", "investopedia.com", "wsj.com"] },
  { key: "gardening", nouns: ["tomato plant", "compost", "seedling", "houseplant", "pruning", "greenhouse", "succulent", "herb garden"], domains: ["i.imgur.com", "rhs.org.uk", "youtube.com"] },
  { key: "pets", nouns: ["puppy", "rescue cat", "aquarium", "parrot", "vet visit", "dog park", "hamster", "litter box"], domains: ["i.imgur.com", "i.redd.it", "youtube.com"] },
  { key: "sports", nouns: ["transfer", "final", "penalty", "rookie", "trade deadline", "comeback", "derby", "coach"], domains: ["espn.com", "bbc.co.uk", "theathletic.com", "youtube.com"] },
  { key: "art", nouns: ["watercolor", "sketchbook", "oil painting", "sculpture", "linocut", "portrait", "mural", "digital painting"], domains: ["i.imgur.com", "artstation.com", "i.redd.it"] },
  { key: "cycling", nouns: ["gravel bike", "commute", "bike lane", "chain", "saddle", "century ride", "tubeless tire", "cargo bike"], domains: ["bikeradar.com", "i.imgur.com", "youtube.com"] },
  { key: "photography", nouns: ["prime lens", "film camera", "long exposure", "light meter", "street shot", "tripod", "darkroom", "golden hour"], domains: ["i.imgur.com", "petapixel.com", "flickr.com"] },
  { key: "linux", nouns: ["distro", "kernel update", "window manager", "dotfiles", "package manager", "systemd unit", "shell script", "file system"], domains: ["github.com", "lwn.net", "kernel.org", "archlinux.org"] },
];

/** Communities every size starts with, biggest first: [name, topic key, title]. */
export const CURATED_COMMUNITIES: readonly (readonly [string, string, string])[] = [
  ["pics", "pics", "Pictures and images"],
  ["AskHivemind", "ask", "Ask Hivemind..."],
  ["worldnews", "news", "World News"],
  ["programming", "programming", "Computer programming"],
  ["science", "science", "Science: peer-reviewed and then some"],
  ["gaming", "gaming", "Gaming"],
  ["movies", "movies", "Movie news and discussion"],
  ["Cooking", "cooking", "Cooking: good food, made at home"],
  ["Music", "music", "Music: a place for songs"],
  ["books", "books", "Books"],
  ["Fitness", "fitness", "Fitness"],
  ["space", "space", "space: news, pictures and discussion"],
  ["technology", "technology", "Technology"],
  ["DIY", "diy", "Do it yourself"],
  ["history", "history", "History"],
  ["travel", "travel", "Travel"],
  ["personalfinance", "finance", "Personal Finance"],
  ["gardening", "gardening", "Gardening"],
  ["aww", "pets", "A place for really cute pictures"],
  ["sports", "sports", "Sports"],
  ["Art", "art", "Art"],
  ["bicycling", "cycling", "Bicycling"],
  ["photography", "photography", "Photography"],
  ["linux", "linux", "Linux, GNU/Linux, free software"],
];

/** Prefixes and stems for generated community names ("UrbanGardening", "LearnSynths"). */
export const COMMUNITY_PREFIXES = [
  "Ask", "Learn", "True", "Casual", "Indie", "Daily", "Retro", "Urban", "Budget", "Home", "Modern", "Classic",
  "Open", "Tiny", "Wild", "Local", "Amateur", "Pro", "Vintage", "Digital", "Rural", "Slow", "Weird", "Cozy",
] as const;
export const COMMUNITY_STEMS = [
  "Gardening", "Cooking", "Synths", "Cycling", "Coding", "Baking", "Hiking", "Camping", "Knitting", "Woodworking",
  "Photography", "Astronomy", "Chess", "Running", "Climbing", "Fishing", "Gaming", "Reading", "Writing", "Painting",
  "Pottery", "Sailing", "Birding", "Brewing", "Coffee", "Tea", "Cars", "Trains", "Maps", "Puzzles", "Drums",
  "Guitar", "Piano", "Jazz", "Vinyl", "Comics", "Anime", "Films", "History", "Physics", "Math", "Linux", "Robots",
  "Drones", "Houseplants", "Aquariums", "Cats", "Dogs", "Birds", "Travel", "Vanlife", "Frugal", "Investing",
  "Design", "Fonts", "Lego", "Origami", "Magic", "Poetry", "Podcasts", "Skating", "Surfing", "Yoga", "Tennis",
] as const;

export const ADJECTIVES = [
  "quiet", "brave", "sleepy", "curious", "salty", "lucky", "fuzzy", "rusty", "cosmic", "gentle", "grumpy", "clever",
  "silent", "tiny", "giant", "happy", "witty", "spicy", "mellow", "bold", "shy", "wild", "lazy", "swift", "odd",
  "polite", "stormy", "sunny", "frozen", "golden", "hidden", "ancient", "electric", "nimble", "random", "sneaky",
] as const;
export const ANIMALS = [
  "otter", "falcon", "badger", "panda", "koala", "walrus", "lynx", "heron", "gecko", "moose", "raven", "beaver",
  "ferret", "llama", "narwhal", "pelican", "wombat", "yak", "squid", "tiger", "puffin", "marmot", "bison", "mole",
  "sloth", "toucan", "lemur", "crab", "newt", "hedgehog", "goose", "owl", "fox", "wolf", "bear", "eel",
] as const;
export const HANDLE_WORDS = [
  "pixel", "nacho", "toast", "waffle", "comet", "cactus", "noodle", "pickle", "banjo", "turnip", "biscuit", "muffin",
  "rocket", "echo", "zephyr", "quartz", "maple", "cobalt", "ember", "delta", "orbit", "tofu", "pretzel", "mango",
] as const;

export const OPINIONS = [
  "honestly underrated", "way better than I expected", "a bit overhyped", "worth every penny", "harder than it looks",
  "the best thing I did this year", "not for everyone", "surprisingly relaxing", "a total game changer", "kind of a mess",
] as const;
export const PLACES = [
  "Lisbon", "Osaka", "the Alps", "my grandma's attic", "a flea market", "Toronto", "the back yard", "Nairobi",
  "Patagonia", "a small town in Ohio", "Berlin", "the office", "Melbourne", "Reykjavik", "Kraków", "Seoul",
] as const;
export const PEOPLE = [
  "my dad", "a coworker", "my neighbor", "my partner", "a stranger on the bus", "my kid", "my landlord", "my teacher",
] as const;
export const REACTIONS = [
  "This is the way.", "Came here to say this.", "Underrated comment.", "Can confirm.", "Take my upvote.",
  "This made my day.", "Source?", "Username checks out.", "TIL, thanks!", "Big if true.", "Same here.",
  "I laughed way too hard at this.", "Saving this for later.", "Not sure I agree, but fair point.",
] as const;
export const REPORT_REASONS = [
  "spam", "harassment", "misinformation", "off topic", "breaks community rules", "personal information",
  "low effort", "repost", "hate speech", "self promotion",
] as const;
export const BAN_REASONS = ["spam", "harassment", "repeated rule breaking", "ban evasion", "trolling"] as const;
