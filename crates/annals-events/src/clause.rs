//! Events from the parse tree: one candidate per predicate of the main clauses of a sentence.
//!
//! This is how annals reads a sentence its date-driven extractor (`extract`) has no date
//! for — above all the speech acts of archival documents, which are dated only by the
//! document: "Shigemitsu replied that …", "I told Tani that …", "The Secretary countered …",
//! "Recommend that …". For each predicate whose lemma the lexicon lists (`predicates` in
//! `data/events.toml`):
//! - only main clauses count: the root and its conjuncts and parataxis. What a speech act
//!   says ("… that the Cabinet had decided to send …", a `ccomp`), wants (`xcomp`) or
//!   qualifies (`advcl`, `acl`) is its content, never an event of its own;
//! - the agent is the subject (a passive's `obl:agent`); a conjunct without a subject shares
//!   its head's; a sentence that opens with its verb ("Recommend that …") is the document's
//!   sender speaking; "I", "we", "he"/"she" are resolved through [`Voices`];
//! - the targets are the indirect and direct objects and the obliques "to", "with",
//!   "against"; a speech act without one is addressed to the document's counterpart (the
//!   addressee of a telegram, the other side of a conversation);
//! - a predicate without an agent is no event; predicates of one sentence with the same
//!   agents are one event (the first names the type); negation and modality come from the
//!   predicate's own dependents.

use std::ops::Range;

use annals_entities::{EntityKind, Gazetteer, Mention};
use annals_syntax::{Sentence, Upos};
use jiff::civil::Date;

use crate::extract::{DateSource, Event};
use crate::lexicon::Lexicon;

/// Who the pronouns and the subjectless clauses of a document are.
#[derive(Debug, Clone, Default)]
pub struct Voices {
    /// "I", and a clause without a subject: the sender (a person first, then what they act
    /// for).
    pub first: Vec<usize>,
    /// "we": the sender's side.
    pub we: Vec<usize>,
    /// Whom the sender addresses: a telegram's addressee, the other side of a conversation.
    pub counterpart: Vec<usize>,
    /// The person named last as the subject of a clause: "he", "she".
    pub last_person: Option<usize>,
    /// The actors of the last act that had two people or more among them: "they", "them"
    /// ("the arrival of Prime Minister Hatoyama and Kōno Ichirō … The next day they met
    /// …").
    pub last_group: Vec<usize>,
    /// The document's year: whom a role noun ("the Secretary") names.
    pub year: Option<i32>,
    /// The people the document has named so far, in order.
    pub known: Vec<usize>,
    /// The document records a conversation: everyone speaks to the other side.
    pub conversation: bool,
    /// The state each of `counterpart` acts for (a conversation's sides).
    pub counterpart_states: Vec<Option<usize>>,
}

impl Voices {
    /// How [`Voices::addressed`] chose, for the reader.
    pub fn addressed_how(&self, agents: &[usize]) -> &'static str {
        if self.conversation {
            "the principal of the conversation's other side (else its first-listed participant)"
        } else if agents.iter().any(|a| self.first.contains(a)) {
            "the document's addressee"
        } else {
            "the document's sender, who reports it"
        }
    }

    /// Whom a speech act without a named addressee is addressed to: in a conversation the
    /// other side's principal (see `in_conversation`); the sender's own to the document's addressee; anyone else's to
    /// the sender, who reports it ("Shigemitsu stressed …" in the Ambassador's telegram).
    pub fn addressed(&self, agents: &[usize]) -> Vec<usize> {
        if self.conversation {
            return self.in_conversation(agents).into_iter().collect();
        }
        let to: &[usize] = if agents.iter().any(|a| self.first.contains(a)) {
            &self.counterpart
        } else {
            &self.first
        };
        to.iter().copied().filter(|x| !agents.contains(x)).collect()
    }

    /// Whom a speaker of a conversation addresses: the first-listed participant of the other
    /// side (lists name the principal first: "The Secretary", then his advisers); in a
    /// meeting of one side, its first-listed participant, who chairs it — not every adviser
    /// in the room.
    fn in_conversation(&self, agents: &[usize]) -> Option<usize> {
        let others = || {
            self.counterpart
                .iter()
                .zip(
                    self.counterpart_states
                        .iter()
                        .chain(std::iter::repeat(&None)),
                )
                .filter(|(x, _)| !agents.contains(x))
        };
        let other_side = others().find(|(_, s)| s.is_some_and(|s| !agents.contains(&s)));
        other_side.or_else(|| others().next()).map(|(&x, _)| x)
    }
}

/// Entities with the state each acts for, after it, without repeats.
pub(crate) fn with_states(
    gazetteer: &Gazetteer,
    found: impl IntoIterator<Item = usize>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for e in found {
        for x in std::iter::once(e).chain(gazetteer.state_of(e)) {
            if !out.contains(&x) {
                out.push(x);
            }
        }
    }
    out
}

/// The token of `sentence` whose span holds byte `at`.
fn token_at(sentence: &Sentence<'_>, at: usize) -> Option<usize> {
    sentence
        .tokens
        .iter()
        .position(|t| t.span.start <= at && at < t.span.end)
}

/// A date for the events of a clause.
#[derive(Debug, Clone)]
pub struct Clock {
    pub value: String,
    pub interval: Option<(Date, Date)>,
    pub source: DateSource,
}

impl Clock {
    /// Whether the date is one day (or less): a day moves the passage's clock, a month or a
    /// year recalled in a report does not.
    fn is_day(&self) -> bool {
        self.interval
            .is_some_and(|(a, b)| a.tomorrow().is_ok_and(|t| t >= b))
    }
}

/// Relations that put a predicate inside another's content or description.
const MAIN_CLAUSE: &[&str] = &["root", "conj", "parataxis"];

/// Verbs that only frame the act of the verb they govern ("took occasion to point out").
const FRAMING: &[&str] = &[
    "take",
    "intervene",
    "proceed",
    "go",
    "hasten",
    "venture",
    "wish",
    "want",
    "like",
    "begin",
    "continue",
    "make",
    "use",
    "seize",
];

/// Verbs that carry their object's event ("held talks", "engaged in negotiations"): see
/// `Tree::support`.
const SUPPORT: &[&str] = &[
    "hold",
    "have",
    "conduct",
    "carry",
    "engage",
    "make",
    "give",
    "issue",
    "leave",
    "deliver",
    "undertake",
    "pursue",
];

/// Verbs of taking up what another put forward: negated, a rejection (`Tree::not_taken_up`).
const UPTAKE: &[&str] = &["consider", "entertain", "heed"];

/// Verbs whose subject is the event ("Meetings … began in London"): see `Tree::support`.
const SUPPORT_SUBJECT: &[&str] = &["begin", "start", "open", "resume", "continue", "occur"];

/// Gatherings: the setting of what is said at them ("at a press conference held in Moscow
/// …"), and a meeting when a verb carries them ("the conference was held").
const GATHERINGS: &[&str] = &[
    "conference",
    "meeting",
    "session",
    "dinner",
    "luncheon",
    "lunch",
    "reception",
    "interview",
    "ceremony",
];

/// Offices that, named bare, are the document's own side's ("the Department concurs").
const OWN_OFFICES: &[&str] = &[
    "department",
    "embassy",
    "legation",
    "consulate",
    "mission",
    "delegation",
];

/// Speech and attitude types: without a target, the document's counterpart is addressed.
const ADDRESSED: &[&str] = &[
    "statement",
    "propose",
    "demand",
    "agree",
    "reject",
    "protest",
];

/// Does the sentence name a document (a word of [`DOCUMENT_NOUNS`])? With a date, it may
/// tell that document's sending.
pub fn names_document(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .any(|w| {
            let w = w.to_lowercase();
            let w = w.strip_suffix('s').unwrap_or(&w);
            DOCUMENT_NOUNS.contains(&w)
        })
}

/// Can a verb of this lemma head an event here, itself or by framing another verb? The
/// pipeline parses only the sentences that have one (parsing is most of its time).
pub fn could_head(lexicon: &Lexicon, lemma: &str) -> bool {
    lexicon.heads_predicate(lemma) || FRAMING.contains(&lemma)
}

/// Could a verb of this lemma carry an event noun ("held talks", "left with Matsumoto an
/// informal statement")? See [`Tree::support`].
pub fn could_carry(lemma: &str) -> bool {
    SUPPORT.contains(&lemma)
}

/// A sentence to read: its parse, the mentions of its block and the dates it states.
pub struct ClauseInput<'a> {
    /// The block's text; the parse and the mentions index it.
    pub text: &'a str,
    pub sentence: &'a Sentence<'a>,
    pub mentions: &'a [Mention],
    /// The sentence's usable dates: the span of each expression and its date.
    pub dates: &'a [(Range<usize>, Clock)],
}

/// The events of one parsed sentence, dated by the date stated in each predicate's own
/// clause, else by `clock` (the passage's date, else the document's). Returns the events
/// and the date the sentence moves the passage to: the last date a main clause stated.
/// Dates inside content ("he would raise it again on March 3") date nothing and move
/// nothing.
pub fn clause_events(
    input: &ClauseInput<'_>,
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
    voices: &mut Voices,
    clock: &Clock,
) -> (Vec<Event>, Option<Clock>) {
    let (sentence, dates) = (input.sentence, input.dates);
    let tree = Tree::new(input, gazetteer);
    // each date to the main-clause predicate it belongs to, if any
    let owners: Vec<Option<usize>> = dates.iter().map(|(r, _)| tree.owner(r)).collect();
    let mut moved: Option<Clock> = None;
    let mut out: Vec<Event> = Vec::new();
    for i in 0..sentence.tokens.len() {
        if !tree.main_clause(i) || !tree.predicative(i) {
            continue;
        }
        let agents = tree.agents(i, voices);
        // the subject of every main clause is who "he" is next, event or not — once its
        // own objects are read ("I told him": him is still the one before) — unless it is
        // the writer saying "I": "I" is never "he"; the writer named, as an editor's note
        // names him, is ("Allison stressed … However, he also suggested …")
        let subject = agents
            .iter()
            .copied()
            .find(|&a| gazetteer.get(a).kind == EntityKind::Person)
            .filter(|p| !voices.first.contains(p) || tree.named_subject(i));
        let previous = out.last().map(|e: &Event| e.agents.clone());
        let merged = !agents.is_empty() && previous.as_ref() == Some(&agents);
        let speaker = agents.first().map(|&a| gazetteer.get(a).id.clone());
        let (clock, date_span, moves) = tree.clock_of(i, &owners, dates, clock);
        let mut act = tree.act(i, agents.clone(), lexicon, voices);
        if act.is_none() && agents.is_empty() && !date_span.is_empty() {
            act = tree.noun_act(i, lexicon, voices);
        }
        let speech = |ty: &str| ty == "statement";
        if merged
            && (act.as_ref().is_none_or(|a| speech(&a.ty.name))
                || out.last().is_some_and(|e: &Event| speech(&e.kind)))
        {
            // "Allison stressed … and pointed as well to …": one turn; but one who did two
            // things did both ("did Moscow boycott the conference and refuse to sign")
            act = None;
        }
        if act.is_some() || merged {
            if moves {
                moved = Some(clock.clone());
            }
            let reported = tree.reported(i, lexicon, voices);
            if let Some(act) = act {
                out.push(tree.event(act, clock, date_span.clone()));
            }
            // what the speaker reports as done ("… that the Cabinet had decided …", "… that
            // Shigemitsu agreed …") is a claim of the speaker's, dated by its own clause or
            // else by the report — also when the speaker goes on ("… and added that …")
            for act in reported {
                let (clock, span) = match tree.content_date(act.trigger, dates) {
                    Some(k) => (&dates[k].1, dates[k].0.clone()),
                    None => (clock, date_span.clone()),
                };
                let mut ev = tree.event(act, clock, span);
                ev.sources.extend(speaker.clone());
                out.push(ev);
            }
        }
        if let Some(p) = subject {
            voices.last_person = Some(p);
        }
    }
    // the acts of a sentence in the order it tells them (a content clause's act was
    // pushed after the speech verb that reports it, even when it came first)
    out.sort_by_key(|e| e.trigger.as_ref().map_or(usize::MAX, |t| t.start));
    if let Some(sent) = tree.documents_named(&mut out, dates, lexicon, voices) {
        // the story is at the day the paper was sent ("… in telegram 409 from Tokyo,
        // August 12. He commented on the visit as follows: …")
        moved = moved.or(Some(sent));
    }
    tree.dated_nouns(&mut out, dates, lexicon, voices);
    tree.recalled_tellings(&mut out, dates, &owners, lexicon, voices);
    (out, moved)
}

/// The person a sentence's main clause has for subject (the first of them), who "he" is
/// next: what [`clause_events`] notes as it reads, for a sentence read otherwise (a dated
/// sentence of a narrative: "On the morning of December 14, the Deputy Minister … Kuznetsov
/// asked … He expressed a wish …"). Not the writer's "I".
pub fn subject_person(
    input: &ClauseInput<'_>,
    gazetteer: &Gazetteer,
    voices: &Voices,
) -> Option<usize> {
    let tree = Tree::new(input, gazetteer);
    let main = (0..input.sentence.tokens.len())
        .find(|&i| input.sentence.tokens[i].head.is_none() && tree.predicative(i))?;
    tree.agents(main, voices)
        .into_iter()
        .find(|&a| gazetteer.get(a).kind == EntityKind::Person)
        .filter(|p| !voices.first.contains(p) || tree.named_subject(main))
}

/// Whether the verb at `trigger` is a relative clause whose subject is its relative pronoun
/// ("any State which signed …"): its agent is that noun, named or not, never a name the
/// words before it hold.
pub fn relative_subject(
    input: &ClauseInput<'_>,
    gazetteer: &Gazetteer,
    trigger: &Range<usize>,
) -> bool {
    let tree = Tree::new(input, gazetteer);
    token_at(input.sentence, trigger.start).is_some_and(|i| {
        tree.child(i, &["nsubj"])
            .is_some_and(|subj| tree.antecedent(i, subj).is_some())
    })
}

/// The agents and targets the tree gives the verb at `trigger` (bytes of the text), when it
/// names its agent: the subject, or a passive's by-agent ("was signed … by Ben-Gurion,
/// Pineau and Dean"), not the words before it; for an event noun, its "by", "between" or
/// possessive, or an instrument's signatories. With the account of how they were found.
/// None when the trigger is no predicate of the parse or its agent is not named.
pub fn roles_at(
    input: &ClauseInput<'_>,
    gazetteer: &Gazetteer,
    voices: &Voices,
    trigger: &Range<usize>,
) -> Option<(Vec<usize>, Vec<usize>, String)> {
    let tree = Tree::new(input, gazetteer);
    let i = token_at(input.sentence, trigger.start)?;
    let t = &input.sentence.tokens[i];
    if t.upos == Upos::NOUN && DOCUMENT_NOUNS.contains(&t.lemma.to_lowercase().as_str()) {
        let (agents, targets) = tree.paper_roles(i, voices);
        let how = "the paper's sender (\"from\", \"by\", a possessive)".to_string();
        return (!agents.is_empty()).then_some((agents, targets, how));
    }
    if t.upos == Upos::NOUN {
        // "the signing of the security treaty between the United States and Japan"
        let (agents, mut targets) = tree.noun_parties(i, voices);
        targets.retain(|x| !agents.contains(x));
        let how = "the event noun's \"by\", \"between\" or possessive (its object's too)";
        return (!agents.is_empty()).then(|| (agents, targets, how.to_string()));
    }
    if t.upos != Upos::VERB {
        return None;
    }
    let agents = tree.agents(i, voices);
    if agents.is_empty() {
        return None;
    }
    let mut targets = tree.targets(i, voices);
    targets.retain(|x| !agents.contains(x));
    Some((agents, targets, tree.agents_how(i, voices)))
}

/// Whether the verb at `trigger` hands over a paper ("Dulles handed to Ambassador Tani an
/// aide-mémoire"): the word trigger's proposal is then a statement, as in [`clause_events`].
pub fn hands_over_paper(
    input: &ClauseInput<'_>,
    gazetteer: &Gazetteer,
    trigger: &Range<usize>,
) -> bool {
    let tree = Tree::new(input, gazetteer);
    token_at(input.sentence, trigger.start).is_some_and(|i| tree.hands_over_paper(i))
}

/// The actors a verb's own clause names, with their states: its subtree without the clauses
/// hanging from it (relative, adverbial, content clauses, what is said beside it). None when
/// the trigger is no verb of the parse. "… the war on the Korean Peninsula erupted, which,
/// according to the historian Torkunov, Stalin “believed …”": neither Torkunov nor Stalin
/// is in the war's clause.
pub fn clause_entities(
    input: &ClauseInput<'_>,
    gazetteer: &Gazetteer,
    trigger: &Range<usize>,
) -> Option<Vec<usize>> {
    let s = input.sentence;
    let i = token_at(s, trigger.start)?;
    if s.tokens[i].upos != Upos::VERB {
        return None;
    }
    const OTHER_CLAUSE: &[&str] = &[
        "acl:relcl",
        "advcl",
        "ccomp",
        "csubj",
        "parataxis",
        "conj",
        "xcomp",
        "acl",
        "dep",
    ];
    let mut inside = vec![false; s.tokens.len()];
    let mut stack = vec![i];
    while let Some(j) = stack.pop() {
        inside[j] = true;
        stack.extend(s.children(j).filter(|&c| {
            let rel = s.tokens[c].deprel;
            // a noun's own conjuncts stay ("the United States and Japan"), a verb's go
            !(OTHER_CLAUSE.contains(&rel) && (rel != "conj" || s.tokens[c].upos == Upos::VERB))
        }));
    }
    let found: Vec<usize> = input
        .mentions
        .iter()
        .filter(|m| token_at(s, m.start).is_some_and(|k| inside[k]))
        .map(|m| m.entity)
        .filter(|&e| gazetteer.get(e).kind.is_actor())
        .collect();
    Some(with_states(gazetteer, found))
}

/// Is the date at `date` told in a relative clause ("… at the Opera House, where six years
/// earlier the charter was drafted, …")? Such a date is a digression: it dates its own
/// clause's act but not the story that goes on after the sentence.
pub fn in_relative_clause(
    input: &ClauseInput<'_>,
    gazetteer: &Gazetteer,
    date: &Range<usize>,
) -> bool {
    let tree = Tree::new(input, gazetteer);
    let Some(mut j) = tree.head_of(date) else {
        return false;
    };
    for _ in 0..input.sentence.tokens.len() {
        if tree.deprel(j) == "acl:relcl" {
            return true;
        }
        match input.sentence.tokens[j].head {
            Some(h) => j = h,
            None => break,
        }
    }
    false
}

/// The main-clause verb a date belongs to ("In August the Soviet Union launched its first
/// nuclear weapon": launched), when the lexicon lists it: its type and span.
pub fn date_owner(
    input: &ClauseInput<'_>,
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
    date: &Range<usize>,
) -> Option<(usize, Range<usize>)> {
    let tree = Tree::new(input, gazetteer);
    let owned = tree
        .subordinate_owner(date, lexicon)
        .or_else(|| tree.owner(date))
        .and_then(|j| Some((tree.predicate(j, lexicon)?, j)))
        .map(|(ty, j)| {
            // as in `Tree::act`: "made it clear that Washington should not deploy bases" is a
            // demand, "made a statement about the desire to see …" a proposal
            if lexicon.types()[ty].name != "statement" {
                return (ty, j);
            }
            let voices = Voices::default();
            let agents = tree.agents(j, &voices);
            let to = if tree.demands(j, &agents, &voices) {
                lexicon.index_of("demand")
            } else if tree.voices_wish(j) {
                lexicon.index_of("propose")
            } else {
                None
            };
            (to.unwrap_or(ty), j)
        });
    // "a June 27 memorandum from General Adams", "a study prepared in June": a paper's date
    // is its writing, a statement of its author's
    let paper = || {
        let noun = tree.dated_noun(date)?;
        let ty = lexicon.index_of("statement")?;
        Some((ty, noun))
    };
    let (ty, j) = owned.or_else(paper)?;
    Some((ty, input.sentence.tokens[j].span.clone()))
}

/// Do the date at `date` and the trigger at `trigger` (bytes of the text) belong to one
/// clause: is the verb nearest above the one the verb nearest above the other? None when
/// the parse puts no verb above the date. "… at the Opera House, where six years earlier
/// the charter was drafted, Acheson declared the forum open": "six years earlier" is the
/// drafting's, not the opening's.
pub fn same_clause(
    input: &ClauseInput<'_>,
    gazetteer: &Gazetteer,
    date: &Range<usize>,
    trigger: &Range<usize>,
) -> Option<bool> {
    let tree = Tree::new(input, gazetteer);
    let of = |r: &Range<usize>| tree.head_of(r).and_then(|j| tree.clause_verb(j));
    let v = of(date)?;
    Some(of(trigger) == Some(v))
}

/// The verb that governs a noun trigger as its object ("rejected the proposal", "signed the
/// agreement") when the lexicon lists it: that verb's type, and its span. What was done to
/// the proposal is the event, not the proposal.
pub fn governing_verb(
    input: &ClauseInput<'_>,
    lexicon: &Lexicon,
    trigger: &Range<usize>,
) -> Option<(usize, Range<usize>)> {
    let s = input.sentence;
    let i = token_at(s, trigger.start)?;
    let t = &s.tokens[i];
    if t.upos != Upos::NOUN || !matches!(t.deprel, "obj" | "nsubj:pass") {
        return None;
    }
    let h = &s.tokens[t.head?];
    if h.upos != Upos::VERB {
        return None;
    }
    let ty = lexicon.predicate(&h.lemma.to_lowercase())?;
    // what is said or observed is a topic, not an act on it ("observing the negotiations")
    if lexicon.types()[ty].name == "statement" {
        return None;
    }
    Some((ty, h.span.clone()))
}

/// Auxiliaries of what may or should be, not of what is: a content clause with one of them
/// suggests a course, not a fact.
const MODAL_AUX: &[&str] = &[
    "should", "would", "might", "could", "may", "must", "shall", "ought",
];

/// Words that voice a wish for something to be done: with a to-infinitive of their own
/// they put it forward ("wished to release", "the desire to see", "readiness to negotiate").
const WISHES: &[&str] = &["wish", "desire", "want", "readiness", "willingness"];

/// Verbs of thinking: "said that he thought …" is the speaker's own turn, no act of its own.
const COGNITION: &[&str] = &[
    "think", "believe", "feel", "hope", "doubt", "expect", "consider",
];

/// Verbs that tell something only with a content clause ("maintained that …"); without one
/// they tell a state of affairs ("maintained an uneasy equilibrium").
const SAY_WITH_CONTENT: &[&str] = &["maintain", "hold", "observe"];

/// Verbs of putting forward and of asking that only a speaker does ("recommended that …",
/// "urged that …"): see `Tree::speakers_conjunct`.
const PROPOSE_OR_DEMAND: &[&str] = &[
    "recommend",
    "propose",
    "suggest",
    "urge",
    "request",
    "ask",
    "insist",
    "advise",
];

/// Prepositions that make their noun the reference point of a relative date ("a few hours
/// following the signing ceremony", "two days after the vote", "prior to the conference").
const ANCHORING: &[&str] = &["following", "after", "before", "since", "until", "prior"];

/// The predicate a relative date's reference event hangs from, when a trigger is that
/// reference event: "the signing of the security treaty … within a few hours following the
/// signing ceremony for the San Francisco Peace Treaty" tells the first signing, dated by
/// the second; "after the vote, Egypt protested" tells the protest. The head's type (the
/// lexicon's, for its lemma or its word) and its span; None when the trigger is no such
/// reference or its head is no trigger.
pub fn anchoring_head(
    input: &ClauseInput<'_>,
    lexicon: &Lexicon,
    trigger: &Range<usize>,
) -> Option<(usize, Range<usize>)> {
    let s = input.sentence;
    let mut i = token_at(s, trigger.start)?;
    if s.tokens[i].deprel == "compound" {
        i = s.tokens[i].head?; // "the signing ceremony": the ceremony's phrase
    }
    if !matches!(s.tokens[i].deprel, "obl" | "nmod") {
        return None;
    }
    let anchored = s.children(i).any(|c| {
        s.tokens[c].deprel == "case"
            && ANCHORING.contains(&input.text[s.tokens[c].span.clone()].to_lowercase().as_str())
    });
    let h = s.tokens[i].head?;
    let head = &s.tokens[h];
    if !anchored || !matches!(head.upos, Upos::VERB | Upos::NOUN) {
        return None;
    }
    let ty = lexicon.predicate(&head.lemma.to_lowercase()).or_else(|| {
        let word = &input.text[head.span.clone()];
        let found = lexicon.find(word);
        found
            .iter()
            .find(|t| t.start == 0 && t.end == word.len())
            .map(|t| t.ty)
    })?;
    Some((ty, head.span.clone()))
}

/// An act read from the tree, before it is dated.
struct Act<'l> {
    ty: &'l crate::lexicon::EventType,
    /// The predicate's token.
    trigger: usize,
    agents: Vec<usize>,
    targets: Vec<usize>,
    negated: bool,
    modality: Option<&'static str>,
    /// How agents and targets were found.
    roles: String,
}

/// What is stated when it is handed over: "presented the views", "gave our position",
/// "presented evidence for its theory".
const HELD_VIEWS: &[&str] = &[
    "view",
    "position",
    "viewpoint",
    "evidence",
    "information",
    "evaluation",
    "assessment",
    "analysis",
    "finding",
];

/// Nouns of an act on an instrument whose doers, unnamed, are its signatories.
const INSTRUMENT_ACTS: &[&str] = &["signing", "signature", "ratification", "conclusion"];

/// Nouns of an act without object, whose "of" names who acts: "the arrival of Prime
/// Minister Hatoyama and Kōno in Moscow", "the visit of the US president Eisenhower", "the
/// death of Stalin", "the meeting of the foreign ministers" (where "the signing of the
/// treaty", "the admission of Japan" name what is acted on). "return" and "withdrawal" are
/// not here: "the return of the islands" names what is returned.
const ACTOR_OF_ACTS: &[&str] = &[
    "arrival",
    "visit",
    "trip",
    "journey",
    "departure",
    "death",
    "resignation",
    "meeting",
    "session",
];

/// Of [`ACTOR_OF_ACTS`], the journeys: where they go is what they are to.
const MOVE_ACTS: &[&str] = &["arrival", "visit", "trip", "journey"];

/// Nouns of papers besides [`DOCUMENT_NOUNS`], no dated statement by themselves, whose
/// compound names their topic as a document's does ("the Japan draft").
const PAPER_WORDS: &[&str] = &["draft", "resolution", "plan"];

/// Nouns of documents: dated, each is a statement of its own ("telegram 2487, April 1",
/// "the note sent to Shigemitsu, April 3", "despatch 1169, April 5").
const DOCUMENT_NOUNS: &[&str] = &[
    "telegram",
    "despatch",
    "dispatch",
    "note",
    "memorandum",
    "letter",
    "message",
    "cable",
    "airgram",
    "aide-mémoire",
    "reply",
    "instruction",
    "report",
    "study",
    "paper",
    "estimate",
    "aide-memoire",
    // the head of "aide-mémoire" as UD tokenizes it ("aide - mémoire")
    "mémoire",
    "memoire",
];

/// Adjectives that make "it would be … to" a proposal.
const ADVISABLE: &[&str] = &[
    "desirable",
    "best",
    "wise",
    "advisable",
    "useful",
    "helpful",
    "preferable",
];

/// Verbs that propose an act but only say something when what follows is a finite
/// "that" clause stating a fact.
const SUGGEST: &[&str] = &["suggest", "indicate", "hint"];

/// A parsed sentence with the mentions of its text.
struct Tree<'a> {
    text: &'a str,
    s: &'a Sentence<'a>,
    mentions: &'a [Mention],
    gazetteer: &'a Gazetteer,
}

impl<'a> Tree<'a> {
    fn new(input: &ClauseInput<'a>, gazetteer: &'a Gazetteer) -> Tree<'a> {
        Tree {
            text: input.text,
            s: input.sentence,
            mentions: input.mentions,
            gazetteer,
        }
    }

    /// The token that heads the tokens inside `r` (its head lies outside).
    fn head_of(&self, r: &Range<usize>) -> Option<usize> {
        let inside = |j: usize| self.inside(j, r);
        (0..self.s.tokens.len())
            .find(|&j| inside(j) && self.s.tokens[j].head.is_none_or(|h| !inside(h)))
    }

    fn inside(&self, j: usize, r: &Range<usize>) -> bool {
        let sp = &self.s.tokens[j].span;
        sp.start >= r.start && sp.end <= r.end
    }

    /// Is predicate `i` passive?
    /// Whether `i` heads a clause that can tell an act: a verb, or a stay ("Dulles was in
    /// San Francisco").
    fn predicative(&self, i: usize) -> bool {
        self.s.tokens[i].upos == Upos::VERB || self.stay(i)
    }

    /// "Dulles was in San Francisco for the ceremonies": a name of a place with a past
    /// "be" and "in"/"at", said of a subject — a stay, which is a visit unless the place is
    /// the subject's own capital (see [`Tree::act`]).
    fn stay(&self, i: usize) -> bool {
        if self.s.tokens[i].upos != Upos::PROPN || self.child(i, &["nsubj"]).is_none() {
            return false;
        }
        let was = self
            .s
            .children(i)
            .any(|c| self.deprel(c) == "cop" && self.s.tokens[c].feat("Tense") == Some("Past"));
        let in_ = self
            .s
            .children(i)
            .any(|c| self.deprel(c) == "case" && matches!(self.lower(c).as_str(), "in" | "at"));
        was && in_ && !self.places(i).is_empty()
    }

    /// The places and states named by the name at `i` (with its `flat` parts).
    fn places(&self, i: usize) -> Vec<usize> {
        let mut span = self.s.tokens[i].span.clone();
        for c in self.s.children(i).filter(|&c| self.deprel(c) == "flat") {
            span.end = span.end.max(self.s.tokens[c].span.end);
        }
        self.mentions
            .iter()
            .filter(|m| m.start >= span.start && m.end <= span.end)
            .map(|m| m.entity)
            .filter(|&e| {
                matches!(
                    self.gazetteer.get(e).kind,
                    EntityKind::Place | EntityKind::State
                )
            })
            .collect()
    }

    fn passive(&self, i: usize) -> bool {
        if self.child(i, &["nsubj:pass", "aux:pass"]).is_some() {
            return true;
        }
        // a conjunct the tagger made a participle, with no subject or auxiliary of its own,
        // goes on in the voice of the finite verb it is joined to ("agreed to …, and wished
        // to release …")
        let goes_on = self.deprel(i) == "conj"
            && self.s.children(i).any(|c| self.deprel(c) == "cc")
            && !self
                .s
                .children(i)
                .any(|c| self.deprel(c).starts_with("nsubj") || self.deprel(c).starts_with("aux"))
            && self.s.tokens[i].head.is_some_and(|h| {
                self.s.tokens[h].feat("VerbForm") == Some("Fin") && !self.passive(h)
            });
        self.s.tokens[i].feat("Voice") == Some("Pass") && !goes_on
    }

    /// The act main-clause predicate `i` performs, if it is one: a predicate of the lexicon
    /// (or framed by a verb that only frames it), with agents, not what someone else will,
    /// would or should do, nor what a paper says a state does or believes ("Japan will seek
    /// …", "Japan recognizes …") — the sender's own present is an act ("Recommend …",
    /// "Embassy concurs").
    fn act<'l>(
        &self,
        i: usize,
        agents: Vec<usize>,
        lexicon: &'l Lexicon,
        voices: &Voices,
    ) -> Option<Act<'l>> {
        let ty = self
            .by_doing(i, lexicon)
            .or_else(|| self.predicate(i, lexicon))
            .or_else(|| self.light(i, lexicon))
            .or_else(|| self.support(i, lexicon))
            .or_else(|| self.not_taken_up(i, lexicon))
            .or_else(|| self.stay(i).then(|| lexicon.index_of("visit")).flatten())?;
        if agents.is_empty() {
            return None;
        }
        let t = &self.s.tokens[i];
        if SAY_WITH_CONTENT.contains(&t.lemma.to_lowercase().as_str())
            && self.contents(i).is_empty()
        {
            return None; // "rivalries … maintained an uneasy equilibrium"
        }
        let aux = self
            .s
            .children(i)
            .any(|c| self.deprel(c).starts_with("aux"));
        if t.feat("VerbForm") == Some("Ger") && !aux && self.deprel(i) == "root" {
            return None; // "A politically stable Japan maintaining …": a heading, no act
        }
        let (negated, modality) = self.polarity(i);
        let own = agents
            .iter()
            .any(|a| voices.first.contains(a) || voices.we.contains(a));
        let present = t.feat("Tense") == Some("Pres") && t.feat("VerbForm") == Some("Fin");
        if (modality.is_some() || present) && !own {
            return None;
        }
        // "I shall forward our combined views": the sender's plan, not yet an act ("I would
        // recommend", a telegram's way of recommending, is one)
        if own && modality == Some("intention") {
            return None;
        }
        let mut ty = &lexicon.types()[ty];
        let named = |n: &str| lexicon.named(n);
        let mut negated = negated;
        if negated && (ty.name == "agree" || ty.name == "reject" && self.uptake(i)) {
            // "did not recognize the document", "never accepted": a rejection
            ty = named("reject").unwrap_or(ty);
            negated = false;
        }
        if ty.name == "meet" && self.by_telephone(i) {
            // "talked on the telephone with the President": a call, no meeting
            ty = named("statement").unwrap_or(ty);
        } else if ty.name == "propose" && self.hands_over_paper(i) {
            // "handed to Ambassador Tani an aide-mémoire": giving a paper is telling what
            // it says; putting forward a plan or a draft stays a proposal
            ty = named("statement").unwrap_or(ty);
        } else if ty.name == "statement" && self.demands(i, &agents, voices) {
            // "made it clear that Washington should not deploy bases": a demand
            ty = named("demand").unwrap_or(ty);
        } else if ty.name == "statement" && (self.proposes(i) || self.voices_wish(i)) {
            // "said that our aim should be …", "it would be desirable to …", "expressed the
            // desire to …": a proposal
            ty = named("propose").unwrap_or(ty);
        } else if let Some(k) = self
            .speakers_conjunct(i, voices)
            .filter(|_| ty.name == "statement")
        {
            // "stated that its investigation confirmed this theory and recommended that …":
            // the recommendation is the speaker's, wherever the parser joined it
            ty = self
                .predicate(k, lexicon)
                .map_or(ty, |t| &lexicon.types()[t]);
        } else if self.says_that(i) && !self.proposes(i) {
            // "suggested that this was a step forward": suggesting a fact is saying it
            ty = named("statement").unwrap_or(ty);
        }
        let mut targets = self.targets(i, voices);
        let mut targets_how = "the objects and to/with/against obliques";
        if self.stay(i) {
            // where one stays is whom one visits; one's own capital is home ("Shigemitsu
            // was in Tokyo"), one's own country's other cities a trip ("Dulles was in San
            // Francisco for the ceremonies")
            let places = self.places(i);
            let capital = |e: usize| self.gazetteer.get(e).kind == EntityKind::State;
            if places.iter().any(|&p| capital(p) && agents.contains(&p)) {
                return None;
            }
            targets = self.with_state(places);
            targets.retain(|&t| capital(t));
            targets_how = "the state of the place stayed in";
        }
        if targets.is_empty() && ADDRESSED.contains(&ty.name.as_str()) {
            targets = voices.addressed(&agents);
            targets_how = voices.addressed_how(&agents);
        }
        targets.retain(|x| !agents.contains(x));
        let roles = format!(
            "actors: {}; targets: {targets_how}",
            self.agents_how(i, voices)
        );
        Some(Act {
            ty,
            trigger: i,
            agents,
            targets,
            negated,
            modality,
            roles,
        })
    }

    /// The date of predicate `i`: its clause's own (and whether that moves the passage's
    /// clock: a day does; "in 1951", "last year" in a report are recollections that date
    /// their clause only), else `clock`.
    fn clock_of<'c>(
        &self,
        i: usize,
        owners: &[Option<usize>],
        dates: &'c [(Range<usize>, Clock)],
        clock: &'c Clock,
    ) -> (&'c Clock, Range<usize>, bool) {
        match self.own_date(i, owners, dates) {
            Some(k) => {
                let (span, c) = &dates[k];
                (c, span.clone(), c.is_day())
            }
            None => (clock, self.s.span.start..self.s.span.start, false),
        }
    }

    /// The event of an act, with the whole sentence as its evidence.
    fn event(&self, act: Act<'_>, clock: &Clock, date_span: Range<usize>) -> Event {
        let evidence = self.s.span.clone();
        let sentence_text = &self.text[evidence.clone()];
        let mut summary: String = sentence_text.chars().take(220).collect();
        if summary.len() < sentence_text.len() {
            summary.push('…');
        }
        Event {
            trigger: Some(self.s.tokens[act.trigger].span.clone()),
            agents: act.agents,
            targets: act.targets,
            negated: act.negated,
            modality: act.modality,
            summary,
            roles: act.roles,
            ..Event::new(act.ty, clock, evidence, date_span)
        }
    }

    /// The date of predicate `i`'s own clause (an index into the sentence's dates), else of
    /// a verb coordinated with it ("called on him and had an hour's conversation yesterday
    /// morning").
    /// Of several dates the clause owns, one a cited paper's ("According to telegram 2546,
    /// April 7, the Committee had on April 6 passed …"), the act's is the other one.
    fn own_date(
        &self,
        i: usize,
        owners: &[Option<usize>],
        dates: &[(Range<usize>, Clock)],
    ) -> Option<usize> {
        let own: Vec<usize> = (0..owners.len())
            .filter(|&k| owners[k] == Some(i))
            .collect();
        if own.len() > 1 {
            let not_a_papers = own
                .iter()
                .copied()
                .find(|&k| self.dated_noun(&dates[k].0).is_none());
            if not_a_papers.is_some() {
                return not_a_papers;
            }
        }
        owners.iter().position(|o| *o == Some(i)).or_else(|| {
            let group = self.coordination(i);
            owners
                .iter()
                .position(|o| o.is_some_and(|j| self.coordination(j) == group))
        })
    }

    /// Documents the sentence names with a date of their own ("In telegram 2500 from Tokyo,
    /// April 3, …", "the note sent to Shigemitsu, April 3"), when no event of the sentence
    /// has that date already: statements from whoever the noun says sent them ("from X",
    /// "X's reply") to whom it was sent ("to Y") — or, when the sentence's undated act is
    /// its sender's, the date of that act (the sending), which is then the passage's day
    /// (returned).
    fn documents_named(
        &self,
        out: &mut Vec<Event>,
        dates: &[(Range<usize>, Clock)],
        lexicon: &Lexicon,
        voices: &Voices,
    ) -> Option<Clock> {
        let ty = lexicon.named("statement")?;
        let mut sent = None;
        for (r, clock) in dates {
            if out.iter().any(|e| e.date == clock.value) {
                continue;
            }
            let Some(noun) = self.dated_noun(r) else {
                continue;
            };
            let (mut agents, mut targets) = self.paper_roles(noun, voices);
            if agents.is_empty() {
                // "Allison submitted an evaluation … in telegram 409 from Tokyo, August 12":
                // who acts in the clause sent it
                if let Some(v) = self.s.tokens[noun].head.and_then(|h| self.clause_verb(h)) {
                    agents = self.agents(v, voices);
                }
            }
            if targets.is_empty() {
                // a paper of one side of the correspondence goes to the other
                let sender = agents.first();
                if sender.is_some_and(|a| voices.counterpart.contains(a)) {
                    targets = voices.first.clone();
                } else if sender.is_some_and(|a| voices.first.contains(a)) {
                    targets = voices.counterpart.clone();
                }
            }
            targets.retain(|x| !agents.contains(x));
            // "Allison submitted a lengthy evaluation … in telegram 409 from Tokyo, August
            // 12": the act of the sentence no date of its own dated, by the paper's sender,
            // is the sending — the paper's date is its date
            let sending = out.iter_mut().find(|e| {
                e.date_span.is_empty()
                    && matches!(e.kind.as_str(), "statement" | "propose" | "demand")
                    && (agents.is_empty() || e.agents.iter().any(|a| agents.contains(a)))
            });
            if let Some(e) = sending {
                e.date = clock.value.clone();
                e.date_source = clock.source;
                e.interval = clock.interval;
                e.date_span = r.clone();
                if clock.is_day() {
                    sent = Some(clock.clone());
                }
                continue;
            }
            let act = Act {
                ty,
                trigger: noun,
                agents,
                targets,
                negated: false,
                modality: None,
                roles: "a dated document the sentence names: actors: its sender (\"from\", a possessive); targets: whom it was sent to".to_string(),
            };
            out.push(self.event(act, clock, r.clone()));
        }
        sent
    }

    /// Tellings the sentence recalls with a date of their own, in the past perfect of a
    /// relative clause: "I reaffirmed to Mr. Shigemitsu what I had said the night before at
    /// the dinner" is also the saying of the night before. Dates no main clause owns only.
    fn recalled_tellings(
        &self,
        out: &mut Vec<Event>,
        dates: &[(Range<usize>, Clock)],
        owners: &[Option<usize>],
        lexicon: &Lexicon,
        voices: &Voices,
    ) {
        let Some(statement) = lexicon.index_of("statement") else {
            return;
        };
        for ((r, clock), owner) in dates.iter().zip(owners) {
            if owner.is_some() || out.iter().any(|e| e.date_span == *r) {
                continue;
            }
            let Some(v) = self.head_of(r).and_then(|h| self.s.tokens[h].head) else {
                continue;
            };
            let perfect = self
                .s
                .children(v)
                .any(|c| self.deprel(c) == "aux" && self.s.tokens[c].lemma == "have")
                && self.s.tokens[v].xpos == "VBN";
            if self.deprel(v) != "acl:relcl"
                || !perfect
                || self.predicate(v, lexicon) != Some(statement)
            {
                continue;
            }
            let agents = self.agents(v, voices);
            if agents.is_empty() {
                continue;
            }
            let act = Act {
                ty: &lexicon.types()[statement],
                trigger: v,
                targets: self.targets(v, voices),
                agents,
                negated: false,
                modality: None,
                roles: "a telling the sentence recalls, dated in its own clause: actors: its subject; targets: its objects".to_string(),
            };
            out.push(self.event(act, clock, r.clone()));
        }
    }

    /// Events named by a noun with a date of its own that no event of the sentence has
    /// taken ("at the 244th Council meeting on April 7, 1955", "the exchange of notes of
    /// September 8, 1951", "Meetings … began in London on June 1"): the noun's type, the
    /// actors its phrase names. Not what is proposed, demanded or planned ("proposed a
    /// meeting in July"), nor a noun inside another's content.
    fn dated_nouns(
        &self,
        out: &mut Vec<Event>,
        dates: &[(Range<usize>, Clock)],
        lexicon: &Lexicon,
        voices: &Voices,
    ) {
        if dates.is_empty() {
            return; // the lexicon scan below is for a date's noun
        }
        let span = self.s.span.clone();
        let triggers: Vec<crate::lexicon::Trigger> = lexicon
            .find(&self.text[span.clone()])
            .into_iter()
            .map(|t| crate::lexicon::Trigger {
                start: t.start + span.start,
                end: t.end + span.start,
                ty: t.ty,
            })
            .collect();
        for (r, clock) in dates {
            let Some((noun, ty)) = self.event_noun(r, &triggers, lexicon) else {
                continue;
            };
            // the date of an event told already, unless it is where that act happened
            // ("adopted … at the 244th Council meeting on April 7": a meeting too)
            let setting = self.s.children(noun).any(|k| {
                self.deprel(k) == "case" && matches!(self.lower(k).as_str(), "at" | "during")
            });
            let told_at = out.iter().position(|e| e.date_span == *r);
            let told = told_at.map(|k| out[k].agents.clone());
            if told.is_some() && !setting {
                continue;
            }
            if !self.asserted(noun, lexicon) {
                continue;
            }
            let ty = &lexicon.types()[ty];
            let participle = self.s.tokens[noun].upos == Upos::VERB;
            let (mut agents, mut targets) = if participle {
                // "… signed … by representatives of the United States and Korea"
                let agents = self.agents(noun, voices);
                let mut targets = self.targets(noun, voices);
                targets.retain(|x| !agents.contains(x));
                (agents, targets)
            } else {
                // its own parties first ("the arrival of Hatoyama … in Moscow"); else who
                // its phrase names, but not where it went ("a visit to Japan")
                let (agents, targets) = self.noun_parties(noun, voices);
                if agents.is_empty() {
                    let mut named = self.entities(noun, voices);
                    named.retain(|x| !targets.contains(x));
                    (named, targets)
                } else {
                    let targets = targets
                        .into_iter()
                        .filter(|x| !agents.contains(x))
                        .collect();
                    (agents, targets)
                }
            };
            if agents.is_empty() && !participle {
                if let Some(v) = self.gerund_object_of(noun) {
                    // "Allison reported meeting on August 30 with Kishi": a bare noun a
                    // verb takes as its object is the verb's subject's act, with whom the
                    // verb's "with" names
                    agents = self.agents(v, voices);
                    targets.extend(self.with_obliques(v, voices));
                    targets.retain(|x| !agents.contains(x));
                }
            }
            if agents.is_empty() && !participle {
                // who acted at the meeting took part in it
                agents = told.unwrap_or_default();
            }
            if participle && agents.is_empty() {
                targets.clear();
            }
            let act = Act {
                ty,
                trigger: noun,
                agents,
                targets,
                negated: false,
                modality: None,
                roles: if participle {
                    "a participle with a date of its own: actors: its by-agent".to_string()
                } else {
                    "an event noun with a date of its own: actors: those its phrase names"
                        .to_string()
                },
            };
            // the meeting comes before what was done at it
            let ev = self.event(act, clock, r.clone());
            out.insert(told_at.unwrap_or(out.len()), ev);
        }
    }

    /// The event noun a date belongs to: the noun the date modifies (up to two steps up:
    /// "the meeting on April 7", "the exchange of notes of September 8, 1951"), or the
    /// subject of an aspectual verb the date modifies ("Meetings … began … on June 1"), when
    /// a trigger of the lexicon covers it.
    fn event_noun(
        &self,
        r: &Range<usize>,
        triggers: &[crate::lexicon::Trigger],
        lexicon: &Lexicon,
    ) -> Option<(usize, usize)> {
        const ASPECTUAL: &[&str] = &["begin", "start", "open", "resume", "continue", "take"];
        let covered = |j: usize| {
            let sp = &self.s.tokens[j].span;
            triggers
                .iter()
                .find(|t| t.start <= sp.start && sp.end <= t.end)
                .map(|t| t.ty)
        };
        let head = self.head_of(r)?;
        let mut j = self.s.tokens[head].head?;
        for _ in 0..2 {
            let t = &self.s.tokens[j];
            if t.upos == Upos::NOUN {
                if let Some(ty) = covered(j) {
                    return Some((j, ty));
                }
            }
            if t.upos == Upos::VERB {
                // a participle naming a thing by the act that made it, with that act's
                // date: "the Agreed Minute … signed at Seoul on November 17, 1954"
                // (a plain past participle: "to be negotiated" is still to come)
                let plain = self
                    .s
                    .children(j)
                    .all(|k| !matches!(self.deprel(k), "aux" | "aux:pass" | "mark"));
                if self.deprel(j) == "acl" && t.feats.contains("Tense=Past") && plain {
                    // the noun it names is its object: "notes exchanged at Tokyo" is an
                    // exchange of notes
                    let object = t.head.map(|h| {
                        format!(
                            "{} {}",
                            t.lemma.to_lowercase(),
                            self.s.tokens[h].lemma.to_lowercase()
                        )
                    });
                    return object
                        .and_then(|o| lexicon.predicate(&o))
                        .or_else(|| self.predicate(j, lexicon))
                        .map(|ty| (j, ty));
                }
                if !ASPECTUAL.contains(&t.lemma.to_lowercase().as_str()) {
                    return None;
                }
                let subj = self.child(j, &["nsubj", "nsubj:pass"])?;
                return covered(subj).map(|ty| (subj, ty));
            }
            j = t.head?;
        }
        None
    }

    /// Is the noun at `i` told as having happened: not inside what is said, wanted or
    /// planned, not the object of a proposal, a demand or a modal verb?
    fn asserted(&self, i: usize, lexicon: &Lexicon) -> bool {
        let mut j = i;
        while let Some(h) = self.s.tokens[j].head {
            let rel = self.deprel(j);
            let base = rel.split(':').next().unwrap_or(rel);
            if matches!(base, "ccomp" | "xcomp" | "csubj") {
                return false;
            }
            if self.s.tokens[h].upos == Upos::VERB {
                let (_, modality) = self.polarity(h);
                let wants = self.predicate(h, lexicon).is_some_and(|ty| {
                    matches!(lexicon.types()[ty].name.as_str(), "propose" | "demand")
                });
                if modality.is_some() || wants {
                    return false;
                }
            }
            j = h;
        }
        true
    }

    /// The document noun a date is attached to, up to three steps above the date (through
    /// an appositive, a name, a participle: "the note sent to Shigemitsu, April 3").
    fn dated_noun(&self, r: &Range<usize>) -> Option<usize> {
        let head = self.head_of(r)?;
        let mut j = self.s.tokens[head].head?;
        for _ in 0..3 {
            let t = &self.s.tokens[j];
            if t.upos == Upos::NOUN && DOCUMENT_NOUNS.contains(&t.lemma.to_lowercase().as_str()) {
                return Some(j);
            }
            if !matches!(t.upos, Upos::PROPN | Upos::NUM | Upos::VERB) {
                break;
            }
            // at the root ("… enclosed with despatch 1169 from Tokyo, April 5": the parser
            // hung "from Tokyo" on the verb), the words before the date may still name it
            match t.head {
                Some(h) => j = h,
                None => break,
            }
        }
        self.numbered_document_before(r)
            .or_else(|| self.document_dated_before(r))
    }

    /// "In a letter to the President, also dated September 1, Dulles commented …", however
    /// the parser hung "dated": the document noun right before the participle "dated" that
    /// precedes the date at `r` (a few words back, no verb between).
    fn document_dated_before(&self, r: &Range<usize>) -> Option<usize> {
        let toks = &self.s.tokens;
        let first = toks.iter().position(|t| t.span.start >= r.start)?;
        let dated = first.checked_sub(1)?;
        if toks[dated].lemma != "date" || toks[dated].xpos != "VBN" {
            return None;
        }
        (dated.saturating_sub(8)..dated)
            .rev()
            .take_while(|&k| !matches!(toks[k].upos, Upos::VERB | Upos::AUX))
            .find(|&k| {
                toks[k].upos == Upos::NOUN
                    && DOCUMENT_NOUNS.contains(&toks[k].lemma.to_lowercase().as_str())
            })
    }

    /// The archive's citation form, whatever the parse made of it: "telegram 409 from Tokyo,
    /// August 12" — a document noun and its number, then at most "from/to Place" and a
    /// comma before the date at `r`.
    fn numbered_document_before(&self, r: &Range<usize>) -> Option<usize> {
        let toks = &self.s.tokens;
        let first = toks.iter().position(|t| t.span.start >= r.start)?;
        let mut k = first.checked_sub(1)?;
        if self.lower(k) == "," {
            k = k.checked_sub(1)?;
        }
        // "from Tokyo", "to Tokyo"
        if k >= 2
            && toks[k].upos == Upos::PROPN
            && matches!(self.lower(k - 1).as_str(), "from" | "to")
        {
            k -= 2;
        }
        let number = toks[k].upos == Upos::NUM || self.lower(k).bytes().all(|b| b.is_ascii_digit());
        let noun = k.checked_sub(1)?;
        (number && DOCUMENT_NOUNS.contains(&toks[noun].lemma.to_lowercase().as_str()))
            .then_some(noun)
    }

    /// The content clauses of predicate `i` ("said that …", "reported learning … that …",
    /// "… that X and that Y").
    fn contents(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for c in self.s.children(i) {
            match self.deprel(c) {
                "ccomp" => out.push(c),
                // "reported learning from Shigemitsu that …"
                "xcomp" => out.extend(self.s.children(c).filter(|&k| self.deprel(k) == "ccomp")),
                _ => {}
            }
        }
        // "advised him that …; that State had agreed …": a "that" clause the parser joined
        // to the sentence by parataxis or conjunction goes on with the content
        let attached = [Some(i), self.s.tokens[i].head];
        out.extend((i + 1..self.s.tokens.len()).filter(|&k| {
            matches!(self.deprel(k), "parataxis" | "conj")
                && attached.contains(&self.s.tokens[k].head)
                && self.that_clause(k)
        }));
        let conjuncts: Vec<usize> = out
            .iter()
            .flat_map(|&c| self.s.children(c).filter(|&k| self.deprel(k) == "conj"))
            .filter(|&k| self.s.tokens[k].upos == Upos::VERB)
            .collect();
        out.extend(conjuncts);
        out
    }

    /// The date stated inside content clause `c` itself ("… that the U.S. had agreed last
    /// year to …"): an index into `dates`.
    fn content_date(&self, c: usize, dates: &[(Range<usize>, Clock)]) -> Option<usize> {
        dates.iter().position(|(r, _)| {
            let Some(mut j) = self.head_of(r) else {
                return false;
            };
            while let Some(h) = self.s.tokens[j].head {
                if h == c {
                    return true;
                }
                if self.s.tokens[h].upos == Upos::VERB {
                    return false;
                }
                j = h;
            }
            false
        })
    }

    /// A proposal or demand joined to the content clause of speech verb `i` that only its
    /// speaker can have made: "the Department stated that its own investigation confirmed
    /// this theory and recommended that the Embassy inform …" — the parser makes
    /// "recommended" a conjunct of "confirmed", but an investigation recommends nothing. The
    /// conjunct has no subject of its own, its clause's subject names no actor, and it
    /// frames a content of its own ("that …", "to …").
    fn speakers_conjunct(&self, i: usize, voices: &Voices) -> Option<usize> {
        let own_subject = |k: usize| {
            self.s
                .children(k)
                .any(|c| self.deprel(c).starts_with("nsubj"))
        };
        let frames = |k: usize| {
            self.s
                .children(k)
                .any(|c| matches!(self.deprel(c), "ccomp" | "xcomp"))
        };
        let strong =
            |k: usize| PROPOSE_OR_DEMAND.contains(&self.s.tokens[k].lemma.to_lowercase().as_str());
        self.s
            .children(i)
            .filter(|&c| self.deprel(c) == "ccomp")
            .filter(|&c| self.agents(c, voices).is_empty())
            .flat_map(|c| self.s.children(c).filter(|&k| self.deprel(k) == "conj"))
            .find(|&k| {
                self.s.tokens[k].upos == Upos::VERB && strong(k) && !own_subject(k) && frames(k)
            })
    }

    /// Is `i` a "suggest" with a finite content clause ("suggested that this was …")?
    fn says_that(&self, i: usize) -> bool {
        SUGGEST.contains(&self.s.tokens[i].lemma.to_lowercase().as_str())
            && self.contents(i).into_iter().any(|c| {
                let finite = |k: usize| self.s.tokens[k].feat("VerbForm") == Some("Fin");
                // "suggested that …", not "suggested: “…”" (a proposal quoted)
                self.marked(c, "that")
                    && (finite(c)
                        || self.s.children(c).any(|k| {
                            // "that this was …", "that the Japanese have not made up their minds"
                            let tense = self.deprel(k) == "cop"
                                || (self.deprel(k) == "aux"
                                    && !MODAL_AUX.contains(&self.lower(k).as_str()));
                            tense && finite(k)
                        }))
            })
    }

    /// Does `w` tell a wish for something to be done: a wish word ([`WISHES`]) with a
    /// to-infinitive of its own ("wished to release his statement", "the desire to see
    /// representatives of China", "his readiness to negotiate")?
    fn wish(&self, w: usize) -> bool {
        WISHES.contains(&self.s.tokens[w].lemma.to_lowercase().as_str())
            && self.s.children(w).any(|k| {
                matches!(self.deprel(k), "xcomp" | "acl" | "ccomp")
                    && self.s.tokens[k].upos == Upos::VERB
                    && self.marked(k, "to")
            })
    }

    /// Does speech predicate `i` voice a wish: "expressed the desire to …", "made a
    /// statement about the desire to see …"?
    fn voices_wish(&self, i: usize) -> bool {
        self.s.children(i).any(|c| {
            (matches!(self.deprel(c), "obj" | "obl") && self.wish(c))
                || (self.deprel(c) == "obj"
                    && self
                        .s
                        .children(c)
                        .any(|n| self.deprel(n) == "nmod" && self.wish(n)))
        })
    }

    /// Does what `i` says tell another actor what it must or must not do: a content clause
    /// with "should", "must" or "ought" whose subject names an actor not among the
    /// speaker's `agents` ("made it clear that Washington should not deploy bases")? Telling
    /// one's own side what it should do is a proposal ("said that our aim should be …").
    fn demands(&self, i: usize, agents: &[usize], voices: &Voices) -> bool {
        self.contents(i).into_iter().any(|c| {
            let other = |k: usize| {
                let who = self.entities(k, voices);
                !who.is_empty() && who.iter().all(|w| !agents.contains(w))
            };
            let pronoun = |k: usize| self.s.tokens[k].upos == Upos::PRON;
            self.obliged(c)
                && self
                    .s
                    .children(c)
                    .any(|k| self.deprel(k).starts_with("nsubj") && !pronoun(k) && other(k))
        })
    }

    /// Does what `i` says recommend ("should", "would be desirable", "please")?
    fn proposes(&self, i: usize) -> bool {
        // "said that if anything happened …, please to let him know": a request beside
        let please = |c: usize| self.s.children(c).any(|k| self.lower(k) == "please");
        let beside = self
            .s
            .children(i)
            .any(|c| self.deprel(c) == "parataxis" && please(c));
        // "suggested G. assure them that …": a bare infinitive of what another is to do
        let mandative = self.s.children(i).any(|c| {
            let t = &self.s.tokens[c];
            self.deprel(c) == "xcomp"
                && t.upos == Upos::VERB
                && t.feat("VerbForm") == Some("Inf")
                && !self.marked(c, "to")
        });
        beside
            || mandative
            || self.contents(i).into_iter().any(|c| {
                let head = &self.s.tokens[c];
                // the word as written too: "best" is lemmatized "good"
                let advisable_word = |k: usize| {
                    ADVISABLE.contains(&self.s.tokens[k].lemma.to_lowercase().as_str())
                        || ADVISABLE.contains(&self.lower(k).as_str())
                };
                let advised = |n: usize| {
                    self.s
                        .children(n)
                        .any(|k| self.deprel(k) == "amod" && advisable_word(k))
                };
                // "it would be desirable", "the best course is …", and "our best tactic
                // would be to refuse", where the parser heads the content with "refuse"
                let advisable = (head.upos == Upos::ADJ && advisable_word(c))
                    || (matches!(head.upos, Upos::NOUN | Upos::ADJ) && advised(c))
                    || self
                        .s
                        .children(c)
                        .any(|k| self.deprel(k) == "nsubj" && advised(k));
                self.obliged(c) || advisable || please(c)
            })
    }

    /// Acts a speech predicate reports as done before it: a content clause in the past
    /// perfect ("that the Cabinet had decided …", "that he had replied …") whose verb the
    /// lexicon lists, with its own agent, and no modal.
    fn reported<'l>(&self, i: usize, lexicon: &'l Lexicon, voices: &Voices) -> Vec<Act<'l>> {
        let mut out = Vec::new();
        // only what is told: "were surprised that Moscow accepted" reports nothing
        let speech = self
            .predicate(i, lexicon)
            .is_some_and(|ty| lexicon.types()[ty].name == "statement");
        if !speech {
            return out;
        }
        // "Secretary Dulles indicated that he opposed …": "he" in what a person reports is
        // that person, whoever was named before
        let mut local = voices.clone();
        if let Some(p) = self
            .agents(i, voices)
            .into_iter()
            .find(|&a| self.gazetteer.get(a).kind == EntityKind::Person)
        {
            local.last_person = Some(p);
        }
        let voices = &local;
        for c in self.contents(i) {
            // what a question asks is not told: "inquired whether … the Council desired to
            // change …"
            if self.marked(c, "whether") || self.marked(c, "if") {
                continue;
            }
            let t = &self.s.tokens[c];
            let perfect = self
                .s
                .children(c)
                .any(|k| self.deprel(k).starts_with("aux") && self.s.tokens[k].lemma == "have")
                && t.feat("VerbForm") == Some("Part");
            // "reported that Shigemitsu … agreed to …": a past told in the past
            let past = |k: usize| {
                self.s.tokens[k].feat("Tense") == Some("Past")
                    && self.s.tokens[k].feat("VerbForm") == Some("Fin")
            };
            // a conjunct the tagger made a participle ("agreed …, and wished to release …")
            // is as past as the verb it goes on from
            let goes_on = self.deprel(c) == "conj"
                && self.s.tokens[c].feat("Tense") == Some("Past")
                && self.s.tokens[c].head.is_some_and(past);
            let backshifted = (past(c) || goes_on) && past(i);
            if t.upos != Upos::VERB || !(perfect || backshifted) {
                continue;
            }
            // "reported that Shigemitsu … wished to release his own statement": a proposal
            let Some(ty) = self
                .predicate(c, lexicon)
                .or_else(|| self.wish(c).then(|| lexicon.index_of("propose")).flatten())
            else {
                continue;
            };
            let (negated, modality) = self.polarity(c);
            let mut agents = self.agents(c, voices);
            let mut targets = self.targets(c, voices);
            let mut ty = &lexicon.types()[ty];
            if ty.name == "propose" && self.hands_over_paper(c) {
                // a paper or views presented tell what they say (as in `act`)
                ty = lexicon.named("statement").unwrap_or(ty);
            }
            let handed = matches!(ty.name.as_str(), "statement" | "propose");
            if agents.is_empty() && handed && self.passive(c) && !targets.is_empty() {
                // "the Embassy reported that the views had been presented to Tani": what a
                // reporter says was handed over, by no one named, it handed over itself
                agents = self.agents(i, voices);
            }
            // "said that he thought …", "told him I thought …": the speaker's own view is
            // the same turn
            // and so is the speaker's own wish ("said he wanted to avoid …")
            let lemma = t.lemma.to_lowercase();
            let cognition = COGNITION.contains(&lemma.as_str()) || WISHES.contains(&lemma.as_str());
            if cognition && !agents.is_empty() && agents == self.agents(i, voices) {
                continue;
            }
            // what someone says did not happen, or might, is no event
            if agents.is_empty() || modality.is_some() || negated {
                continue;
            }
            targets.retain(|x| !agents.contains(x));
            let roles = format!(
                "actors: {} of what the speaker reports; targets: its objects and obliques",
                self.agents_how(c, voices)
            );
            out.push(Act {
                ty,
                trigger: c,
                agents,
                targets,
                negated,
                modality,
                roles,
            });
        }
        out
    }

    fn deprel(&self, i: usize) -> &str {
        self.s.tokens[i].deprel
    }

    /// Token `i` lowercased, to be read as a pronoun: "US" in capitals is the country,
    /// never "us".
    fn pronoun(&self, i: usize) -> String {
        let form = &self.text[self.s.tokens[i].span.clone()];
        if form == "US" {
            String::new()
        } else {
            form.to_lowercase()
        }
    }

    fn lower(&self, i: usize) -> String {
        self.text[self.s.tokens[i].span.clone()].to_lowercase()
    }

    /// Is `i` the root, or joined to it only by conjunction and parataxis?
    fn main_clause(&self, mut i: usize) -> bool {
        loop {
            let rel = self.deprel(i);
            let base = rel.split(':').next().unwrap_or(rel);
            if !MAIN_CLAUSE.contains(&base) || base != "root" && self.that_clause(i) {
                return false;
            }
            match self.s.tokens[i].head {
                None => return true,
                Some(h) => i = h,
            }
        }
    }

    /// Who sent the paper `noun` names, and to whom: "from"/"by" and a possessive, "to"
    /// ("a June 27 memorandum from General Adams to Waddell", "the note sent to Shigemitsu").
    fn paper_roles(&self, noun: usize, voices: &Voices) -> (Vec<usize>, Vec<usize>) {
        let (mut agents, mut targets) = (Vec::new(), Vec::new());
        for c in self.s.children(noun) {
            let case = self
                .s
                .children(c)
                .find(|&k| self.deprel(k) == "case")
                .map(|k| self.lower(k));
            match (self.deprel(c), case.as_deref()) {
                ("nmod:poss", _) => agents.extend(self.entities(c, voices)),
                ("nmod", Some("from" | "by")) => agents.extend(self.post(c, voices)),
                ("nmod", Some("to")) => targets.extend(self.post(c, voices)),
                ("acl", _) => targets.extend(self.targets(c, voices)),
                _ => {}
            }
        }
        if agents.is_empty() && targets.is_empty() {
            // "despatch 1169 from Tokyo": the parser may hang the route on the verb
            (agents, targets) = self.route_after(noun, voices);
        }
        (agents, targets)
    }

    /// Who acts in the event noun `n` and on whom, by its modifiers and those of its "of"
    /// object: "by X", "between X and Y", "X's" act; "with Y", "against Y", "to Y" are acted
    /// on ("the signing of the treaty between the United States and Japan", "Japan's
    /// talks with the USSR").
    fn noun_parties(&self, n: usize, voices: &Voices) -> (Vec<usize>, Vec<usize>) {
        let (mut agents, mut targets) = (Vec::new(), Vec::new());
        let case = |c: usize| {
            self.s
                .children(c)
                .find(|&k| self.deprel(k) == "case")
                .map(|k| self.lower(k))
        };
        let of_object = self
            .s
            .children(n)
            .find(|&c| self.deprel(c) == "nmod" && case(c).as_deref() == Some("of"));
        for c in self
            .s
            .children(n)
            .chain(of_object.into_iter().flat_map(|o| self.s.children(o)))
        {
            match (self.deprel(c), case(c).as_deref()) {
                ("nmod:poss", _) | ("nmod", Some("by" | "between")) => {
                    agents.extend(self.entities(c, voices))
                }
                ("nmod", Some("with" | "against" | "to")) => {
                    targets.extend(self.entities(c, voices))
                }
                _ => {}
            }
        }
        let lemma = self.s.tokens[n].lemma.to_lowercase();
        if let Some(o) = of_object.filter(|_| agents.is_empty()) {
            if ACTOR_OF_ACTS.contains(&lemma.as_str()) {
                // the "of" phrase without its places ("… in Moscow"): those are where a
                // journey goes, not who makes it
                let places: Vec<usize> = self
                    .s
                    .children(o)
                    .filter(|&c| self.deprel(c) == "nmod" && case(c).as_deref() != Some("of"))
                    .flat_map(|c| self.entities(c, voices))
                    .collect();
                agents = self.entities(o, voices);
                agents.retain(|a| !places.contains(a));
                if MOVE_ACTS.contains(&lemma.as_str()) {
                    targets.extend(places);
                }
            }
        }
        if agents.is_empty() && INSTRUMENT_ACTS.contains(&lemma.as_str()) {
            // "the signing of the security treaty between the United States and Japan" (one
            // name, the treaty's): who signs an instrument is its signatories
            agents = of_object.map(|o| self.signatories(o)).unwrap_or_default();
        }
        (agents, targets)
    }

    /// The signatories the gazetteer records for the instrument named at noun `o`.
    fn signatories(&self, o: usize) -> Vec<usize> {
        let span = self.phrase(o);
        let instrument = self.mentions.iter().find(|m| {
            m.start >= span.start
                && m.end <= span.end
                && self.gazetteer.get(m.entity).kind == EntityKind::Instrument
        });
        let found = instrument.map(|m| crate::extract::signatories(self.gazetteer, m.entity));
        found.unwrap_or_default()
    }

    /// The "from X" / "to X" right after a cited paper and its number ("despatch 1169 from
    /// Tokyo"), whatever the parser attached them to.
    fn route_after(&self, noun: usize, voices: &Voices) -> (Vec<usize>, Vec<usize>) {
        let toks = &self.s.tokens;
        let mut k = noun + 1;
        while k < toks.len() && (toks[k].upos == Upos::NUM || self.deprel(k) == "flat") {
            k += 1;
        }
        if k + 1 >= toks.len() || toks[k + 1].upos != Upos::PROPN {
            return (Vec::new(), Vec::new());
        }
        match self.lower(k).as_str() {
            "from" => (self.post(k + 1, voices), Vec::new()),
            "to" => (Vec::new(), self.post(k + 1, voices)),
            _ => (Vec::new(), Vec::new()),
        }
    }

    /// Who a paper's origin or destination `c` names: in a foreign service's traffic a
    /// capital ("from Tokyo", "to Moscow") stands for the document's own mission there (the
    /// Embassy in Japan of a telegram between the Department and that Embassy), not for the
    /// host government, nor anyone else; otherwise the entities it names.
    fn post(&self, c: usize, voices: &Voices) -> Vec<usize> {
        let found = self.entities(c, voices);
        let span = self.phrase(c);
        let capital = self.mentions.iter().any(|m| {
            m.start >= span.start && m.end <= span.end && m.via == annals_entities::Via::Metonym
        });
        if !capital {
            return found;
        }
        let mission = found.iter().find_map(|&st| {
            let host = &self.gazetteer.get(st).id;
            voices
                .first
                .iter()
                .chain(&voices.counterpart)
                .copied()
                .find(|&e| {
                    let org = self.gazetteer.get(e);
                    org.kind == EntityKind::Organization
                        && self.gazetteer.state_of(e) != Some(st)
                        && org.id.ends_with(&format!(" in {host}"))
                })
        });
        // with no mission there known, the capital names no sender: the clause's agent may
        mission
            .map(|m| self.with_state(vec![m]))
            .unwrap_or_default()
    }

    /// Does verb `i` open a content clause with "that" ("; that State had agreed")?
    fn that_clause(&self, i: usize) -> bool {
        self.s.tokens[i].upos == Upos::VERB && self.marked(i, "that")
    }

    /// Does the clause headed by `i` (a verb, or the adjective or noun of a copula) open
    /// with the subordinator `word` ("that", the "to" of an infinitive)?
    fn marked(&self, i: usize, word: &str) -> bool {
        self.s
            .children(i)
            .any(|k| self.deprel(k) == "mark" && self.lower(k) == word)
    }

    /// Does clause `c` say what should or must be done ("should", "ought", "must")?
    fn obliged(&self, c: usize) -> bool {
        self.s.children(c).any(|k| {
            self.deprel(k) == "aux" && matches!(self.lower(k).as_str(), "should" | "ought" | "must")
        })
    }

    /// The first conjunct of the coordination `i` belongs to (`i` itself if none).
    fn coordination(&self, mut i: usize) -> usize {
        while self.deprel(i) == "conj" {
            match self.s.tokens[i].head {
                Some(h) => i = h,
                None => break,
            }
        }
        i
    }

    /// The main-clause verb whose clause states the expression at `r`: up from the
    /// expression's head, through anything but a clause of content (`ccomp`, `xcomp`,
    /// `csubj`, `acl`).
    fn owner(&self, r: &Range<usize>) -> Option<usize> {
        let mut j = self.head_of(r)?;
        loop {
            if self.predicative(j) && self.main_clause(j) {
                return Some(j);
            }
            let rel = self.deprel(j);
            let base = rel.split(':').next().unwrap_or(rel);
            let head = self.s.tokens[j].head?;
            if rel == "acl" && self.setting(head) {
                // "At a press conference held in Moscow on August 13, Shigemitsu
                // expressed …": the gathering's date is the date of what was said at it
                j = head;
                continue;
            }
            if matches!(base, "ccomp" | "xcomp" | "csubj" | "acl") {
                return None;
            }
            // "estimated that … but that the sum would be smaller this year": a clause
            // opened by "that" is content, whatever relation the parser gave it
            if self.marked(j, "that") {
                return None;
            }
            // "his statement to Dulles in 1951": a date inside an argument dates that
            // argument (an act of its own), not the verb ("He recalled …")
            if !self.inside(j, r) && matches!(base, "obj" | "iobj") {
                return None;
            }
            j = head;
        }
    }

    /// The verb of an adverbial clause with a subject of its own that the date at `r`
    /// belongs to, when the lexicon lists it: "on June 10, Moscow demanded that …" is
    /// Moscow's demand even where the parser made it an `advcl` of a later verb; "When Eden
    /// met Dulles on May 3, …" dates the meeting, whatever the main clause tells.
    fn subordinate_owner(&self, r: &Range<usize>, lexicon: &Lexicon) -> Option<usize> {
        let mut j = self.head_of(r)?;
        while self.s.tokens[j].upos != Upos::VERB {
            j = self.s.tokens[j].head?;
        }
        let own_subject = self.child(j, &["nsubj"]).is_some();
        (self.deprel(j) == "advcl" && own_subject && self.predicate(j, lexicon).is_some())
            .then_some(j)
    }

    /// Whether noun `n` is the setting of its clause: a gathering ("conference",
    /// "meeting") in an oblique with "at", "in" or "during".
    fn setting(&self, n: usize) -> bool {
        let case = || {
            self.s.children(n).any(|k| {
                self.deprel(k) == "case" && matches!(self.lower(k).as_str(), "at" | "in" | "during")
            })
        };
        self.deprel(n) == "obl"
            && GATHERINGS.contains(&self.s.tokens[n].lemma.to_lowercase().as_str())
            && case()
    }

    /// The lexicon's type for predicate `i`: its lemma with a particle or the preposition
    /// right after it first ("call on", "point out", "call for"), else the lemma alone.
    fn predicate(&self, i: usize, lexicon: &Lexicon) -> Option<usize> {
        let lemma = self.s.tokens[i].lemma.to_lowercase();
        let next = self.s.tokens.get(i + 1).filter(|n| {
            matches!(n.deprel, "compound:prt" | "case")
                && matches!(n.upos, Upos::ADP | Upos::ADV | Upos::PART)
        });
        // and with its object's lemma, as CAMEO's verb patterns do ("hold talks" is a
        // meeting, "exchange views" a negotiation)
        let object = self
            .s
            .children(i)
            .find(|&c| self.deprel(c) == "obj")
            .map(|c| self.s.tokens[c].lemma.to_lowercase());
        // and with an adjective it makes of its object ("made clear that …", "made it
        // clear")
        let complement = self
            .s
            .children(i)
            .find(|&c| self.deprel(c) == "xcomp" && self.s.tokens[c].upos == Upos::ADJ)
            .map(|c| self.lower(c));
        next.and_then(|_| lexicon.predicate(&format!("{lemma} {}", self.lower(i + 1))))
            .or_else(|| complement.and_then(|a| lexicon.predicate(&format!("{lemma} {a}"))))
            .or_else(|| object.and_then(|o| lexicon.predicate(&format!("{lemma} {o}"))))
            .or_else(|| lexicon.predicate(&lemma))
    }

    /// A verb the lexicon lacks that only frames another ("took occasion to point out",
    /// "intervened to explain"): the type of the verb it frames, by `xcomp` or a purpose
    /// clause with "to".
    fn light(&self, i: usize, lexicon: &Lexicon) -> Option<usize> {
        if !FRAMING.contains(&self.s.tokens[i].lemma.to_lowercase().as_str()) {
            return None; // "should avoid pressing" is no pressing
        }
        self.s.children(i).find_map(|c| {
            let rel = self.deprel(c);
            let framed = self.s.tokens[c].upos == Upos::VERB
                && (rel == "xcomp" || (rel == "advcl" && self.marked(c, "to")));
            framed.then(|| self.predicate(c, lexicon)).flatten()
        })
    }

    /// "Acheson did not consider the reasons", "would not entertain the proposal": not taking
    /// up what another put forward is rejecting it (taking it up is no act of its own).
    fn not_taken_up(&self, i: usize, lexicon: &Lexicon) -> Option<usize> {
        if !self.uptake(i) || !self.polarity(i).0 {
            return None;
        }
        lexicon.index_of("reject")
    }

    fn uptake(&self, i: usize) -> bool {
        UPTAKE.contains(&self.s.tokens[i].lemma.to_lowercase().as_str())
    }

    /// A verb that only carries the event noun it governs: "held talks", "engaged in
    /// negotiations", "left with Matsumoto an informal statement", "Meetings … began",
    /// "There was a discussion", "The conference was held": the type of the noun (a word
    /// trigger of the lexicon). CAMEO lists such pairs one by one ("hold talks"); the noun's
    /// own type is the rule.
    fn support(&self, i: usize, lexicon: &Lexicon) -> Option<usize> {
        self.supported(i, lexicon).map(|(_, ty)| ty)
    }

    /// The event noun verb `i` carries and its type (see [`Tree::support`]).
    fn supported(&self, i: usize, lexicon: &Lexicon) -> Option<(usize, usize)> {
        let lemma = self.s.tokens[i].lemma.to_lowercase();
        let carries = SUPPORT.contains(&lemma.as_str());
        // intransitive: the event is the subject ("Meetings began", "there was a meeting");
        // so it is of a carrying verb in the passive ("the conference was held")
        let existential = lemma == "be" && self.child(i, &["expl"]).is_some();
        let aspectual = SUPPORT_SUBJECT.contains(&lemma.as_str()) || existential;
        if !carries && !aspectual {
            return None;
        }
        let passive = carries && self.passive(i);
        self.s.children(i).find_map(|c| {
            let rel = self.deprel(c);
            let in_ = || {
                self.s
                    .children(c)
                    .any(|k| self.deprel(k) == "case" && self.lower(k) == "in")
            };
            let slot = carries && (rel == "obj" || rel == "obl" && in_())
                || aspectual && matches!(rel, "nsubj" | "nsubj:pass")
                || passive && rel == "nsubj:pass";
            let gathering = || {
                GATHERINGS
                    .contains(&self.s.tokens[c].lemma.to_lowercase().as_str())
                    .then(|| lexicon.index_of("meet"))
                    .flatten()
            };
            (slot && self.s.tokens[c].upos == Upos::NOUN)
                .then(|| {
                    self.noun_type(c, lexicon)
                        .or_else(gathering)
                        .map(|ty| (c, ty))
                })
                .flatten()
        })
    }

    /// The act of a dated clause whose verb only carries an event noun and names no one
    /// acting ("Meetings between Japanese and Soviet officials began in London on June 1",
    /// "A Department of Defense conference … was held at Quantico in mid-July"): who the
    /// noun's phrase names took part in it, else nobody — the event is still told, with
    /// its date.
    fn noun_act<'l>(&self, i: usize, lexicon: &'l Lexicon, voices: &Voices) -> Option<Act<'l>> {
        let (noun, ty) = self.supported(i, lexicon)?;
        let (negated, modality) = self.polarity(i);
        if modality.is_some() || !self.asserted(noun, lexicon) {
            return None;
        }
        let (mut agents, targets) = self.noun_parties(noun, voices);
        if agents.is_empty() {
            agents = self.entities(noun, voices);
        }
        Some(Act {
            ty: &lexicon.types()[ty],
            trigger: noun,
            targets: targets
                .into_iter()
                .filter(|t| !agents.contains(t))
                .collect(),
            agents,
            negated,
            modality,
            roles: "an event noun carried by a dated verb: actors: those its phrase names"
                .to_string(),
        })
    }

    /// The verb whose object noun `n` is when `n` reads as a gerund: "-ing", with no
    /// determiner or possessor ("reported meeting … with Kishi", not "reported a meeting").
    fn gerund_object_of(&self, n: usize) -> Option<usize> {
        let v = self.s.tokens[n].head?;
        let bare = !self
            .s
            .children(n)
            .any(|c| matches!(self.deprel(c), "det" | "nmod:poss" | "amod"));
        let form = self.lower(n);
        (self.deprel(n) == "obj"
            && self.s.tokens[v].upos == Upos::VERB
            && bare
            && form.ends_with("ing"))
        .then_some(v)
    }

    /// The entities of verb `v`'s obliques with "with".
    fn with_obliques(&self, v: usize, voices: &Voices) -> Vec<usize> {
        self.s
            .children(v)
            .filter(|&c| {
                self.deprel(c) == "obl"
                    && self
                        .s
                        .children(c)
                        .any(|k| self.deprel(k) == "case" && self.lower(k) == "with")
            })
            .flat_map(|c| self.entities(c, voices))
            .collect()
    }

    /// The type of noun `c` when the lexicon has its word as a trigger ("talks", "statement").
    fn noun_type(&self, c: usize, lexicon: &Lexicon) -> Option<usize> {
        let sp = self.s.tokens[c].span.clone();
        if crate::extract::after_prefix(self.text, sp.start) {
            return None; // "in post-war"
        }
        let word = &self.text[sp];
        lexicon
            .find(word)
            .into_iter()
            .find(|t| t.start == 0 && t.end == word.len())
            .map(|t| t.ty)
    }

    /// Whether predicate `i` went by telephone ("talked on the telephone", "by phone").
    fn by_telephone(&self, i: usize) -> bool {
        self.s.children(i).any(|c| {
            self.deprel(c).starts_with("obl")
                && matches!(
                    self.s.tokens[c].lemma.to_lowercase().as_str(),
                    "telephone" | "phone"
                )
        })
    }

    /// Whether predicate `i` hands over a paper: its object is a document noun ("handed
    /// … an aide-mémoire", "presented the note").
    fn hands_over_paper(&self, i: usize) -> bool {
        let paper = |c: usize| {
            let lemma = self.s.tokens[c].lemma.to_lowercase();
            DOCUMENT_NOUNS.contains(&lemma.as_str()) || HELD_VIEWS.contains(&lemma.as_str())
        };
        self.s.children(i).any(|c| match self.deprel(c) {
            // "handed him an aide-mémoire", "the views had been presented to Tani"
            "obj" | "nsubj:pass" => paper(c),
            // "… in the form of an aide-mémoire"
            "obl" => self
                .s
                .children(c)
                .any(|k| self.deprel(k) == "nmod" && paper(k)),
            _ => false,
        })
    }

    /// "Concluded by saying …", "responded by rejecting …": a verb of how a turn went,
    /// whose act is the gerund's ("concluded" alone would be the conclusion of a treaty).
    fn by_doing(&self, i: usize, lexicon: &Lexicon) -> Option<usize> {
        const TURN: &[&str] = &[
            "conclude", "begin", "open", "close", "end", "start", "finish", "respond", "reply",
            "answer", "react",
        ];
        if !TURN.contains(&self.s.tokens[i].lemma.to_lowercase().as_str()) {
            return None;
        }
        self.s.children(i).find_map(|c| {
            let by = self
                .s
                .children(c)
                .any(|k| matches!(self.deprel(k), "mark" | "case") && self.lower(k) == "by");
            let gerund = self.s.tokens[c].xpos == "VBG";
            (by && gerund && self.deprel(c) == "advcl")
                .then(|| self.predicate(c, lexicon))
                .flatten()
        })
    }

    fn child(&self, i: usize, rels: &[&str]) -> Option<usize> {
        self.s.children(i).find(|&c| rels.contains(&self.deprel(c)))
    }

    /// Whether predicate `i`'s subject is a name, not a pronoun ("Allison stressed", not
    /// "I stressed").
    fn named_subject(&self, i: usize) -> bool {
        self.child(i, &["nsubj", "nsubj:pass"])
            .is_some_and(|s| self.s.tokens[s].upos == Upos::PROPN)
    }

    /// The agents of predicate `i`.
    fn agents(&self, i: usize, voices: &Voices) -> Vec<usize> {
        if self.passive(i) {
            // the by-agent (the parser sometimes leaves it a plain "obl" with "by")
            let by = self.child(i, &["obl:agent"]).or_else(|| {
                self.s.children(i).find(|&c| {
                    self.deprel(c) == "obl"
                        && self
                            .s
                            .children(c)
                            .any(|k| self.deprel(k) == "case" && self.lower(k) == "by")
                })
            });
            return by.map(|a| self.entities(a, voices)).unwrap_or_default();
        }
        if let Some(subj) = self.child(i, &["nsubj"]) {
            if let Some(h) = self.antecedent(i, subj) {
                return self.entities(h, voices);
            }
            return self.subject_entities(subj, voices);
        }
        match self.s.tokens[i].head {
            // a conjunct shares its head's subject
            Some(h) if self.deprel(i) == "conj" => self.agents(h, voices),
            // "Recommend that …", "Suggest you …": telegram style, the sender speaks
            None if self.opens_sentence(i) => voices.first.clone(),
            // the parser found no subject: the names right before the verb ("…, General
            // Taylor and I called on him")
            None => self.names_before(i, voices),
            _ => Vec::new(),
        }
    }

    /// Who a subject names. A paper's name before it is its topic, not its author: "new
    /// Japan policy paper has been stressing …" is no act of Japan, where "the Japanese
    /// note", "Dulles's memorandum", "the note from Tokyo" keep theirs.
    fn subject_entities(&self, subj: usize, voices: &Voices) -> Vec<usize> {
        let mut found = self.entities(subj, voices);
        let lemma = self.s.tokens[subj].lemma.to_lowercase();
        if DOCUMENT_NOUNS.contains(&lemma.as_str()) || PAPER_WORDS.contains(&lemma.as_str()) {
            let topics: Vec<usize> = self
                .s
                .children(subj)
                .filter(|&c| self.deprel(c) == "compound")
                .flat_map(|c| self.entities(c, voices))
                .collect();
            found.retain(|e| !topics.contains(e));
        }
        found
    }

    /// The noun a relative clause's pronoun subject stands for ("any State which signed"):
    /// the head of relative clause `i`, when its subject `subj` is "which", "who", "that".
    fn antecedent(&self, i: usize, subj: usize) -> Option<usize> {
        let relative = self.s.tokens[subj].feat("PronType") == Some("Rel")
            || matches!(self.lower(subj).as_str(), "which" | "who" | "that");
        if relative && self.deprel(i) == "acl:relcl" {
            self.s.tokens[i].head
        } else {
            None
        }
    }

    /// The actors named by the nominal words right before `i`.
    fn names_before(&self, i: usize, voices: &Voices) -> Vec<usize> {
        let mut out = Vec::new();
        for j in (0..i).rev() {
            let t = &self.s.tokens[j];
            let nominal = matches!(
                t.upos,
                Upos::PROPN | Upos::NOUN | Upos::PRON | Upos::ADJ | Upos::CCONJ | Upos::DET
            ) || (t.upos == Upos::PUNCT && self.lower(j) == ".");
            if !nominal {
                break;
            }
            if matches!(t.upos, Upos::PROPN | Upos::PRON) {
                for e in self.entities(j, voices) {
                    if !out.contains(&e) {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// How [`Tree::agents`] found the agents of `i`, for the reader.
    fn agents_how(&self, i: usize, voices: &Voices) -> String {
        if self.passive(i) {
            return "the by-agent of the passive".into();
        }
        if let Some(subj) = self.child(i, &["nsubj"]) {
            let form = &self.text[self.s.tokens[subj].span.clone()];
            return match self.pronoun(subj).as_str() {
                "i" | "me" => "the subject \"I\": the document's sender".into(),
                "we" | "us" => format!("the subject \"{form}\": the sender's side"),
                "he" | "she" | "him" | "her" => {
                    let who = voices.last_person.map_or(String::new(), |p| {
                        format!(" ({})", self.gazetteer.get(p).id)
                    });
                    format!("the subject \"{form}\": the person last named as a subject{who}")
                }
                _ => {
                    let span = self.phrase(subj);
                    let named = self
                        .mentions
                        .iter()
                        .any(|m| m.start >= span.start && m.end <= span.end);
                    if named {
                        "the subject".into()
                    } else {
                        format!(
                            "the subject \"{}\": who held that role in the document's year, or the document's own office",
                            &self.text[span]
                        )
                    }
                }
            };
        }
        match self.s.tokens[i].head {
            Some(h) if self.deprel(i) == "conj" => {
                format!(
                    "{}, shared by the coordinated verbs",
                    self.agents_how(h, voices)
                )
            }
            None if self.opens_sentence(i) => {
                "a clause without subject, telegram style: the document's sender".into()
            }
            None => "the names right before the verb (the parse gave it no subject)".into(),
            _ => String::new(),
        }
    }

    /// Nothing but punctuation and adverbs before `i`.
    fn opens_sentence(&self, i: usize) -> bool {
        self.s.tokens[..i]
            .iter()
            .all(|t| matches!(t.upos, Upos::PUNCT | Upos::ADV | Upos::CCONJ))
    }

    /// The targets of predicate `i`: objects and the obliques of addressing and opposing.
    fn targets(&self, i: usize, voices: &Voices) -> Vec<usize> {
        let mut out = Vec::new();
        for c in self.s.children(i) {
            let rel = self.deprel(c);
            let take = match rel {
                // a passive's subject is what was done to ("Japan was admitted")
                "iobj" | "obj" | "nsubj:pass" => true,
                "obl" => self.s.children(c).any(|k| {
                    self.deprel(k) == "case"
                        && matches!(
                            self.lower(k).as_str(),
                            "to" | "with" | "against" | "toward" | "towards" | "on"
                        )
                }),
                _ => false,
            };
            if take {
                for e in self.entities(c, voices) {
                    if !out.contains(&e) {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// The verb nearest above `j`, or `j` itself if it is a verb.
    fn clause_verb(&self, mut j: usize) -> Option<usize> {
        loop {
            if self.s.tokens[j].upos == Upos::VERB {
                return Some(j);
            }
            j = self.s.tokens[j].head?;
        }
    }

    /// The byte span of the phrase headed by `i`, without relative clauses and the like.
    fn phrase(&self, i: usize) -> Range<usize> {
        let mut span = self.s.tokens[i].span.clone();
        for c in self.s.children(i) {
            if matches!(
                self.deprel(c),
                "acl" | "acl:relcl" | "punct" | "parataxis" | "advcl" | "ccomp" | "dep"
            ) {
                continue;
            }
            let r = self.phrase(c);
            span.start = span.start.min(r.start);
            span.end = span.end.max(r.end);
        }
        span
    }

    /// The actors a noun phrase names: pronouns through `voices`, names through mentions,
    /// with the state each person or organization acts for.
    fn entities(&self, i: usize, voices: &Voices) -> Vec<usize> {
        match self.pronoun(i).as_str() {
            "i" | "me" => return voices.first.clone(),
            "we" | "us" => {
                return if voices.we.is_empty() {
                    voices.first.clone()
                } else {
                    voices.we.clone()
                }
            }
            "he" | "she" | "him" | "her" => {
                return voices
                    .last_person
                    .map(|p| self.with_state(vec![p]))
                    .unwrap_or_default()
            }
            "they" | "them" => return voices.last_group.clone(),
            _ => {}
        }
        let span = self.phrase(i);
        let mut found: Vec<usize> = self
            .mentions
            .iter()
            .filter(|m| m.start >= span.start && m.end <= span.end)
            .map(|m| m.entity)
            .filter(|&e| self.gazetteer.get(e).kind.is_actor())
            .collect();
        // "General Taylor and I": a pronoun conjunct is whoever it stands for
        for c in self.s.children(i) {
            if self.deprel(c) == "conj" && self.s.tokens[c].upos == Upos::PRON {
                for e in self.entities(c, voices) {
                    if !found.contains(&e) {
                        found.push(e);
                    }
                }
            }
        }
        if found.is_empty() {
            if let Some(p) = self.role_holder(i, voices) {
                return self.with_state(vec![p]);
            }
            // "the Department", "the Embassy" unqualified: the side of the document whose
            // office it names (the addressee's in "Telegram From the Embassy … to the
            // Department of State"), else the document's own service
            let office = self.s.tokens[i].lemma.to_lowercase();
            if OWN_OFFICES.contains(&office.as_str())
                && self
                    .s
                    .children(i)
                    .all(|c| self.deprel(c) == "det" || self.deprel(c) == "punct")
            {
                let names_office = |side: &[usize]| {
                    side.iter().any(|&e| {
                        let id = self.gazetteer.get(e).id.to_lowercase();
                        id.split_whitespace().any(|w| w == office)
                    })
                };
                return [&voices.we, &voices.counterpart]
                    .into_iter()
                    .find(|side| names_office(side))
                    .unwrap_or(&voices.we)
                    .clone();
            }
        }
        self.with_state(found)
    }

    /// "The Secretary", "the Foreign Minister", "Prime Minister's": the person who held the
    /// role in the document's year.
    fn role_holder(&self, i: usize, voices: &Voices) -> Option<usize> {
        let year = voices.year?;
        let t = &self.s.tokens[i];
        if !matches!(t.upos, Upos::NOUN | Upos::PROPN) {
            return None;
        }
        // the head with the modifiers that name the role ("Foreign", "Prime")
        let mut words: Vec<String> = self
            .s
            .children(i)
            .filter(|&c| c < i && matches!(self.deprel(c), "compound" | "amod" | "flat"))
            .map(|c| self.lower(c))
            .collect();
        words.push(self.lower(i));
        let roles = annals_entities::Roles::builtin();
        let side = voices.we.first().copied();
        roles.holder(self.gazetteer, &words.join(" "), year, &voices.known, side)
    }

    fn with_state(&self, found: Vec<usize>) -> Vec<usize> {
        with_states(self.gazetteer, found)
    }

    /// Negation ("did not agree", "never accepted") and modality ("would propose").
    fn polarity(&self, i: usize) -> (bool, Option<&'static str>) {
        let mut negated = false;
        let mut modality = None;
        for c in self.s.children(i) {
            let w = self.lower(c);
            match self.deprel(c) {
                "advmod" if matches!(w.as_str(), "not" | "n't" | "never") => negated = true,
                "aux" => {
                    modality = modality.or(match w.as_str() {
                        "would" | "'d" | "could" | "might" | "may" | "should" => {
                            Some("hypothetical")
                        }
                        "will" | "'ll" | "shall" => Some("intention"),
                        _ => None,
                    })
                }
                _ => {}
            }
        }
        (negated, modality)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_entities::{DocState, Linker};

    /// The events of `text` (one sentence) with "I" = Allison and the given dates.
    fn read(text: &str, dates: &[(&str, &str)]) -> (Vec<Event>, Option<Clock>, Gazetteer) {
        read_as(text, dates, |g| Voices {
            first: vec![
                g.index("John M. Allison").unwrap(),
                g.index("United States").unwrap(),
            ],
            ..Voices::default()
        })
    }

    /// As [`read`], with the document's voices from `voices`.
    fn read_as(
        text: &str,
        dates: &[(&str, &str)],
        voices: impl FnOnce(&Gazetteer) -> Voices,
    ) -> (Vec<Event>, Option<Clock>, Gazetteer) {
        let mut g = Gazetteer::builtin();
        let linker = Linker::new(&g);
        let mentions = linker.find(&mut g, text, &mut DocState::default());
        let model = annals_syntax::Model::builtin();
        let parse = model.parse_sentence(text, 0..text.len());
        let day = |v: &str| {
            let d: Date = v.parse().unwrap();
            Clock {
                value: v.to_string(),
                interval: Some((d, d.tomorrow().unwrap())),
                source: DateSource::Text,
            }
        };
        let dates: Vec<(Range<usize>, Clock)> = dates
            .iter()
            .map(|(phrase, v)| {
                let at = text.find(phrase).unwrap();
                (at..at + phrase.len(), day(v))
            })
            .collect();
        let mut voices = voices(&g);
        let doc = Clock {
            source: DateSource::Document,
            ..day("1955-04-02")
        };
        let input = ClauseInput {
            text,
            sentence: &parse,
            mentions: &mentions,
            dates: &dates,
        };
        let (ev, moved) = clause_events(&input, &g, &Lexicon::builtin(), &mut voices, &doc);
        (ev, moved, g)
    }

    /// Runs `f` on the parse of `text` (one sentence) with the builtin gazetteer's mentions.
    fn with_input<R>(text: &str, f: impl FnOnce(&ClauseInput<'_>, &Gazetteer) -> R) -> R {
        let mut g = Gazetteer::builtin();
        let mentions = Linker::new(&g).find(&mut g, text, &mut DocState::default());
        let parse = annals_syntax::Model::builtin().parse_sentence(text, 0..text.len());
        let input = ClauseInput {
            text,
            sentence: &parse,
            mentions: &mentions,
            dates: &[],
        };
        f(&input, &g)
    }

    /// The bytes of the first `w` in `text`.
    fn span_of(text: &str, w: &str) -> Range<usize> {
        let i = text.find(w).unwrap();
        i..i + w.len()
    }

    fn names(g: &Gazetteer, v: &[usize]) -> Vec<String> {
        v.iter().map(|&i| g.get(i).id.clone()).collect()
    }

    #[test]
    fn a_speech_act_and_not_its_content() {
        let text = "Shigemitsu replied that the Cabinet had decided to send him to Washington.";
        let (ev, moved, g) = read(text, &[]);
        // the reply is the event; what he reports the Cabinet did is his claim, not an act
        // of his, and "send him to Washington" is the decision's content, no event at all
        assert_eq!(ev.len(), 2, "{ev:?}");
        assert_eq!(ev[0].kind, "statement");
        assert_eq!(names(&g, &ev[0].agents), ["Shigemitsu Mamoru", "Japan"]);
        assert_eq!(
            (ev[0].date.as_str(), ev[0].date_source),
            ("1955-04-02", DateSource::Document)
        );
        assert_eq!(&text[ev[1].trigger.clone().unwrap()], "decided");
        assert_eq!(names(&g, &ev[1].agents), ["Japanese Cabinet", "Japan"]);
        assert_eq!(ev[1].sources, ["Shigemitsu Mamoru"]);
        assert!(moved.is_none());
    }

    #[test]
    fn the_first_person_and_a_date_of_content() {
        let text =
            "On April 1 I told Tani that Shigemitsu would raise the matter again on April 9.";
        let (ev, moved, g) = read(
            text,
            &[("April 1", "1955-04-01"), ("April 9", "1955-04-09")],
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(
            names(&g, &ev[0].agents),
            ["John M. Allison", "United States"]
        );
        assert!(names(&g, &ev[0].targets).contains(&"Tani Masayuki".to_string()));
        // the told date, never the date of what was told
        assert_eq!(ev[0].date, "1955-04-01");
        assert_eq!(moved.map(|c| c.value).as_deref(), Some("1955-04-01"));
    }

    #[test]
    fn a_date_of_a_relative_clause_is_not_the_main_verbs() {
        let text = "At the Opera House, where six years earlier the charter was drafted, Acheson declared the forum open.";
        with_input(text, |input, g| {
            let at = |w: &str| span_of(text, w);
            let date = at("six years earlier");
            assert_eq!(same_clause(input, g, &date, &at("declared")), Some(false));
            assert_eq!(same_clause(input, g, &date, &at("drafted")), Some(true));
        });
    }

    #[test]
    fn the_us_in_capitals_is_the_country() {
        let (ev, _, g) = read(
            "The reduction was agreed to by the US in consideration of an agreement on the part of the Japanese Government.",
            &[],
        );
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].kind, "agree");
        assert_eq!(names(&g, &ev[0].agents), ["United States"]);
    }

    #[test]
    fn telegram_style_passive_agent_and_negation() {
        let (ev, _, g) = read("Recommend that the note be delivered at once.", &[]);
        assert_eq!(ev[0].kind, "propose");
        assert_eq!(names(&g, &ev[0].agents)[0], "John M. Allison");
        let (ev, _, g) = read("The proposal was rejected by Dulles.", &[]);
        assert_eq!(ev[0].kind, "reject");
        assert_eq!(
            names(&g, &ev[0].agents),
            ["John Foster Dulles", "United States"]
        );
        // not agreeing is rejecting; a negated act of another type stays negated
        let (ev, _, _) = read("Hatoyama did not agree.", &[]);
        assert!(!ev[0].negated && ev[0].kind == "reject");
        let (ev, _, _) = read("Hatoyama did not reply.", &[]);
        assert!(ev[0].negated && ev[0].kind == "statement");
        // a verb the treebank never showed keeps its silent e ("telephoned": telephone)
        let (ev, _, g) = read("Tani telephoned Allison about the leak.", &[]);
        assert_eq!(ev[0].kind, "statement");
        assert_eq!(names(&g, &ev[0].agents)[0], "Tani Masayuki");
        // suggesting a fact is saying it; suggesting a course is proposing it
        let (ev, _, _) = read("Dulles suggested that this was a step forward.", &[]);
        assert_eq!(ev[0].kind, "statement");
        let (ev, _, _) = read("Dulles suggested a meeting in London.", &[]);
        assert_eq!(ev[0].kind, "propose");
        // a request beside what is said
        let (ev, _, _) = read(
            "Mr. Shigemitsu said that if ever anything happened in Japan that we did not like, please to let him know through Ambassador Allison.",
            &[],
        );
        assert_eq!(ev[0].kind, "propose");
        let (ev, _, _) = read("The weather was fine.", &[]);
        assert!(ev.is_empty(), "no predicate, no agent: no event");
    }

    #[test]
    fn a_telegram_cited_by_number_and_date_is_its_senders_statement_of_that_day() {
        let text = "Allison submitted a lengthy evaluation of Shigemitsu’s political standing in telegram 409 from Tokyo, August 12.";
        let (ev, _, g) = read(text, &[("August 12", "1955-08-12")]);
        let sent = ev.iter().find(|e| e.date == "1955-08-12");
        let sent = sent.unwrap_or_else(|| panic!("{ev:?}"));
        assert_eq!(sent.kind, "statement");
        assert_eq!(names(&g, &sent.agents)[0], "John M. Allison");
    }

    #[test]
    fn a_despatch_from_a_capital_is_the_missions_to_the_other_side() {
        // a telegram of the Department to the Embassy in Japan: "from Tokyo" is the Embassy,
        // not the Japanese government, and its paper goes to the Department
        let text = "Text of the note and of the reply are enclosed with despatch 1169 from Tokyo, April 5.";
        let (ev, _, g) = read_as(text, &[("April 5", "1955-04-05")], |g| Voices {
            first: vec![
                g.index("US Department of State").unwrap(),
                g.index("United States").unwrap(),
            ],
            counterpart: vec![g.index("US Embassy in Japan").unwrap()],
            ..Voices::default()
        });
        let sent = ev.iter().find(|e| e.date == "1955-04-05");
        let sent = sent.unwrap_or_else(|| panic!("{ev:?}"));
        assert_eq!(sent.kind, "statement");
        assert_eq!(
            names(&g, &sent.agents),
            ["US Embassy in Japan", "United States"]
        );
        assert_eq!(names(&g, &sent.targets), ["US Department of State"]);
    }

    #[test]
    fn a_that_clause_joined_by_but_is_content_and_its_date_not_the_speakers() {
        let text = "Tani estimated that the loans had reached Japan last year but that the sum would be smaller this year.";
        let (ev, moved, g) = read(
            text,
            &[("last year", "1954-06-01"), ("this year", "1955-06-01")],
        );
        let said = ev.iter().find(|e| e.kind == "statement");
        let said = said.unwrap_or_else(|| panic!("{ev:?}"));
        assert_eq!(names(&g, &said.agents)[0], "Tani Masayuki");
        // the estimate is dated by the document, not by the year it speaks of
        assert_eq!(
            (said.date.as_str(), said.date_source),
            ("1955-04-02", DateSource::Document)
        );
        assert!(moved.is_none());
    }

    #[test]
    fn a_date_belongs_to_the_adverbial_clause_with_its_own_subject() {
        // the parser hangs "Moscow demanded" as an adverbial clause of "should attend": the
        // date is still the demand's, not the attending's
        let text = "Around a month later, on June 10, Moscow demanded that the peace conference on the Japanese issue be convened in July or August, and that all nations previously drawn into the war should attend.";
        with_input(text, |input, g| {
            let lexicon = Lexicon::builtin();
            let at = text.find("June 10").unwrap();
            let (ty, span) = date_owner(input, g, &lexicon, &(at..at + 7)).unwrap();
            assert_eq!(&text[span], "demanded");
            assert_eq!(lexicon.types()[ty].name, "demand");
        });
    }

    #[test]
    fn an_event_noun_acts_through_its_between_and_by() {
        let text = "A threat to the Soviet Union was the signing of the security treaty between the United States and Japan.";
        with_input(text, |input, g| {
            let at = text.find("signing").unwrap();
            let (agents, targets, _) =
                roles_at(input, g, &Voices::default(), &(at..at + 7)).unwrap();
            // the signers, not the Soviet Union named before the noun
            assert_eq!(names(g, &agents), ["United States", "Japan"]);
            assert!(targets.is_empty());
        });
    }

    #[test]
    fn the_best_course_said_is_a_proposal() {
        let (ev, _, _) = read(
            "I told Tani that our best tactic would be to refuse the offer.",
            &[],
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, "propose");
    }

    #[test]
    fn what_a_reporter_says_was_handed_over_it_handed_over() {
        let text = "The Embassy reported that the views had been presented to Tani on July 4 in the form of an aide-mémoire.";
        let (ev, _, g) = read_as(text, &[("July 4", "1955-07-04")], |g| Voices {
            first: vec![g.index("US Department of State").unwrap()],
            counterpart: vec![g.index("US Embassy in Japan").unwrap()],
            ..Voices::default()
        });
        let handed = ev.iter().find(|e| e.date == "1955-07-04");
        let handed = handed.unwrap_or_else(|| panic!("{ev:?}"));
        // a paper handed over states what it says; the reporter handed it over
        assert_eq!(handed.kind, "statement");
        assert_eq!(names(&g, &handed.agents)[0], "US Embassy in Japan");
        assert!(names(&g, &handed.targets).contains(&"Tani Masayuki".to_string()));
        assert_eq!(handed.sources, ["US Embassy in Japan"]);
    }

    #[test]
    fn a_relative_pronoun_subject_is_its_antecedent() {
        let text = "Japan will be prepared to conclude with any State which signed the Declaration a treaty.";
        with_input(text, |input, g| {
            let at = |w: &str| span_of(text, w);
            // "which" is "any State", no actor the gazetteer knows: not Japan, named before it
            assert!(relative_subject(input, g, &at("signed")));
            assert!(roles_at(input, g, &Voices::default(), &at("signed")).is_none());
            assert!(!relative_subject(input, g, &at("conclude")));
        });
    }

    #[test]
    fn a_paper_handed_over_or_a_call_is_a_statement_and_a_plan_put_forward_a_proposal() {
        let (ev, _, g) = read("Dulles handed to Ambassador Tani an aide-mémoire.", &[]);
        assert_eq!(ev[0].kind, "statement", "{ev:?}");
        assert_eq!(names(&g, &ev[0].agents)[0], "John Foster Dulles");
        let (ev, _, _) = read("Dulles talked on the telephone with Shigemitsu.", &[]);
        assert_eq!(
            ev.first().map(|e| e.kind.as_str()),
            Some("statement"),
            "{ev:?}"
        );
        let (ev, _, _) = read("Shigemitsu presented a plan for the islands.", &[]);
        assert_eq!(
            ev.first().map(|e| e.kind.as_str()),
            Some("propose"),
            "{ev:?}"
        );
    }

    #[test]
    fn what_is_said_at_a_dated_gathering_is_dated_by_it() {
        let text = "At a press conference held in Moscow on August 13, Shigemitsu said that the talks were over.";
        let (ev, _, g) = read(text, &[("August 13", "1956-08-13")]);
        let said = ev.iter().find(|e| e.kind == "statement");
        let said = said.unwrap_or_else(|| panic!("{ev:?}"));
        assert_eq!(said.date, "1956-08-13");
        assert_eq!(names(&g, &said.agents)[0], "Shigemitsu Mamoru");
    }

    #[test]
    fn how_a_turn_went_is_the_act_of_its_gerund() {
        // "concluded" alone would be the conclusion of a treaty
        let (ev, _, g) = read("Hatoyama concluded by saying that he would resign.", &[]);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, "statement");
        assert_eq!(names(&g, &ev[0].agents)[0], "Hatoyama Ichirō");
        let (ev, _, _) = read("Tani responded by rejecting the proposal.", &[]);
        assert_eq!(ev[0].kind, "reject");
        // "intervened to point out": a framing verb the lemmatizer must not cut to "interven"
        let (ev, _, _) = read(
            "Allison intervened to point out that the leak was unfortunate.",
            &[],
        );
        assert_eq!(ev[0].kind, "statement");
    }

    #[test]
    fn a_dated_gathering_held_is_a_meeting_of_those_its_phrase_names() {
        let (ev, _, g) = read(
            "Talks between Japanese and Soviet officials were held in London on June 1.",
            &[("June 1", "1955-06-01")],
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(
            (ev[0].kind.as_str(), ev[0].date.as_str()),
            ("negotiate", "1955-06-01")
        );
        assert!(
            names(&g, &ev[0].agents).contains(&"USSR".to_string()),
            "{ev:?}"
        );
        let (ev, _, _) = read(
            "The conference was held at Geneva on April 26, 1954.",
            &[("April 26, 1954", "1954-04-26")],
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!((ev[0].kind.as_str(), ev[0].agents.len()), ("meet", 0));
        // undated, a gathering nobody is named at is not told as an act
        let (ev, _, _) = read("The conference was held at Geneva.", &[]);
        assert!(ev.is_empty(), "{ev:?}");
    }

    #[test]
    fn a_stay_abroad_is_a_visit_and_at_home_none() {
        let (ev, _, g) = read(
            "Shigemitsu was in Washington on August 25 for the talks.",
            &[("August 25", "1955-08-25")],
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(
            (ev[0].kind.as_str(), ev[0].date.as_str()),
            ("visit", "1955-08-25")
        );
        assert_eq!(names(&g, &ev[0].agents)[0], "Shigemitsu Mamoru");
        assert_eq!(names(&g, &ev[0].targets), ["United States"]);
        let (ev, _, _) = read(
            "Shigemitsu was in Tokyo on August 25.",
            &[("August 25", "1955-08-25")],
        );
        assert!(ev.is_empty(), "{ev:?}");
        // a city of one's own country is a trip, to nobody
        let (ev, _, _) = read(
            "Dulles was in San Francisco on June 20 for the ceremonies.",
            &[("June 20", "1955-06-20")],
        );
        assert_eq!((ev.len(), ev[0].kind.as_str()), (1, "visit"), "{ev:?}");
        assert!(ev[0].targets.is_empty(), "{ev:?}");
        // being in a plight is no stay
        let (ev, _, _) = read(
            "Shigemitsu was in a difficult position on August 25.",
            &[("August 25", "1955-08-25")],
        );
        assert!(ev.is_empty(), "{ev:?}");
    }

    #[test]
    fn a_verb_that_carries_an_event_noun_is_that_event() {
        let (ev, _, g) = read("Dulles and Shigemitsu engaged in negotiations.", &[]);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, "negotiate");
        assert_eq!(names(&g, &ev[0].agents)[0], "John Foster Dulles");
        let (ev, _, g) = read(
            "Allison left with Shigemitsu an informal statement on these problems.",
            &[],
        );
        assert_eq!(ev[0].kind, "statement");
        assert_eq!(names(&g, &ev[0].targets)[0], "Shigemitsu Mamoru");
        // "left" alone is no act
        let (ev, _, _) = read("Allison left the room.", &[]);
        assert!(ev.is_empty(), "{ev:?}");
    }

    #[test]
    fn a_that_clause_after_a_semicolon_is_still_what_was_told() {
        let text = "I told Tani that the matter was urgent; that the Department of State had \
                    agreed to the move; and that we would wait.";
        let (ev, _, g) = read(text, &[]);
        let kinds: Vec<&str> = ev.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["statement", "agree"], "{ev:?}");
        // the agreement is a claim of the teller's, not a main clause of the sentence
        assert_eq!(names(&g, &ev[1].agents)[0], "US Department of State");
        assert!(
            ev[1].sources.iter().any(|s| s == "John M. Allison"),
            "{ev:?}"
        );
    }

    #[test]
    fn not_taking_up_what_another_put_forward_is_rejecting_it() {
        let (ev, _, g) = read(
            "Dulles did not consider the reasons put forward by Tani.",
            &[],
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!((ev[0].kind.as_str(), ev[0].negated), ("reject", false));
        assert_eq!(names(&g, &ev[0].agents)[0], "John Foster Dulles");
        // considering is no act of its own
        let (ev, _, _) = read("Dulles considered the reasons.", &[]);
        assert!(ev.is_empty(), "{ev:?}");
    }

    #[test]
    fn a_bare_office_is_the_side_of_the_document_it_names() {
        // a telegram from the Department to the Embassy: "the Embassy" is its addressee
        let (ev, _, g) = read_as("The Embassy informed Shigemitsu.", &[], |g| {
            let dept = g.index("US Department of State").unwrap();
            Voices {
                first: vec![g.index("John Foster Dulles").unwrap(), dept],
                we: vec![dept],
                counterpart: vec![g.index("US Embassy in Japan").unwrap()],
                ..Voices::default()
            }
        });
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(names(&g, &ev[0].agents)[0], "US Embassy in Japan");
    }

    #[test]
    fn a_recommendation_joined_to_what_was_stated_is_the_speakers() {
        let text = "Dulles stated that his own inquiry confirmed this theory and recommended \
                    that the Embassy inform the Foreign Office of its findings.";
        let (ev, _, g) = read(text, &[]);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, "propose");
        assert_eq!(
            names(&g, &ev[0].agents),
            ["John Foster Dulles", "United States"]
        );
        // with an actor as the content's subject, the conjunct may be that actor's: a
        // statement, and what the actor did is reported apart
        let text = "Dulles stated that Shigemitsu confirmed this theory and recommended \
                    that the Embassy inform the Foreign Office.";
        let (ev, _, _) = read(text, &[]);
        assert_eq!(ev[0].kind, "statement", "{ev:?}");
    }

    #[test]
    fn a_cited_papers_date_does_not_date_the_act() {
        let text = "According to telegram 2546, April 7, the National Diet had on April 6 passed \
                    a resolution.";
        let (ev, _, _) = read(
            text,
            &[("April 7", "1955-04-07"), ("April 6", "1955-04-06")],
        );
        let vote = ev.iter().find(|e| e.kind == "vote");
        let vote = vote.unwrap_or_else(|| panic!("{ev:?}"));
        assert_eq!(vote.date, "1955-04-06", "{ev:?}");
    }

    #[test]
    fn what_a_speaker_thinks_and_what_only_sounds_like_speech() {
        // the sender's own view is his turn, not a second act
        let (ev, _, _) = read("I told Shigemitsu that I believed the plan was sound.", &[]);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, "statement");
        // "maintain" tells something only with a content clause
        let (ev, _, _) = read("Japan maintained an uneasy balance between the blocs.", &[]);
        assert!(ev.is_empty(), "{ev:?}");
        let (ev, _, _) = read("Japan maintained that the islands were Japanese.", &[]);
        assert_eq!(ev[0].kind, "statement", "{ev:?}");
        // suggesting a fact, with a tensed auxiliary, is saying it
        let (ev, _, _) = read(
            "Dulles suggested that the Japanese have not made up their minds.",
            &[],
        );
        assert_eq!(ev[0].kind, "statement", "{ev:?}");
        // evidence presented tells what it shows
        let (ev, _, _) = read(
            "Dulles presented evidence that the leak originated in Tokyo.",
            &[],
        );
        assert_eq!(ev[0].kind, "statement", "{ev:?}");
    }

    #[test]
    fn one_who_did_two_things_did_both_but_two_sayings_are_one_turn() {
        let text = "Shigemitsu protested to Allison and refused to sign the treaty.";
        let (ev, _, g) = read(text, &[]);
        let kinds: Vec<&str> = ev.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["protest", "reject"], "{ev:?}");
        assert_eq!(names(&g, &ev[1].agents), ["Shigemitsu Mamoru", "Japan"]);
        let text = "Shigemitsu stressed the point and added the Cabinet's view.";
        let (ev, _, _) = read(text, &[]);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, "statement");
    }

    #[test]
    fn a_wish_voiced_or_reported_puts_a_course_forward() {
        let text = "Shigemitsu expressed the desire to visit Washington.";
        let (ev, _, g) = read(text, &[]);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, "propose");
        assert_eq!(names(&g, &ev[0].agents), ["Shigemitsu Mamoru", "Japan"]);
        let text = "Allison reported that Shigemitsu wished to release his own statement.";
        let (ev, _, g) = read(text, &[]);
        let kinds: Vec<&str> = ev.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["statement", "propose"], "{ev:?}");
        assert_eq!(names(&g, &ev[1].agents), ["Shigemitsu Mamoru", "Japan"]);
        assert_eq!(ev[1].sources, ["John M. Allison"]);
        // a conjunct the tagger made a passive participle goes on in the active voice
        let text = "Allison stated that Shigemitsu agreed to release of this message, and \
                    wished to release at the same time his own statement.";
        let (ev, _, g) = read(text, &[]);
        let kinds: Vec<&str> = ev.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["statement", "agree", "propose"], "{ev:?}");
        assert_eq!(names(&g, &ev[2].agents), ["Shigemitsu Mamoru", "Japan"]);
        // the speaker's own wish is the same turn
        let text = "Shigemitsu said he wanted to avoid a translation.";
        let (ev, _, _) = read(text, &[]);
        assert_eq!(ev.len(), 1, "{ev:?}");
        // a wish without a course of its own is no proposal
        let text = "Shigemitsu expressed his wish for good relations.";
        let (ev, _, _) = read(text, &[]);
        assert_eq!(ev[0].kind, "statement", "{ev:?}");
    }

    #[test]
    fn made_clear_is_saying_and_what_another_must_do_a_demand() {
        let text = "General Taylor made clear that the Japanese forces lacked equipment.";
        let (ev, _, _) = read(text, &[]);
        assert_eq!(
            ev.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
            ["statement"],
            "{ev:?}"
        );
        let text =
            "Shigemitsu made it clear that the United States should not station troops there.";
        let (ev, _, g) = read(text, &[]);
        assert_eq!(ev[0].kind, "demand", "{ev:?}");
        assert_eq!(names(&g, &ev[0].agents), ["Shigemitsu Mamoru", "Japan"]);
        // what another is to do, in a bare infinitive, is put forward
        let text = "Shigemitsu suggested Allison assure them that the policies were not personal.";
        let (ev, _, _) = read(text, &[]);
        assert_eq!(ev[0].kind, "propose", "{ev:?}");
        // what one's own side should do is a proposal
        let text = "Shigemitsu said that Japan should seek a settlement.";
        let (ev, _, _) = read(text, &[]);
        assert_eq!(ev[0].kind, "propose", "{ev:?}");
    }
}
