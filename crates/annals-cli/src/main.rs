//! The `annals` command line.
//!
//! Commands are thin: they read input, run the pipeline stages from the library crates
//! (`annals-ingest` → `annals-time`) and write output. Errors from the libraries are typed;
//! here they become messages for people, with the input named.

mod chronology;
mod knowledge;
mod pipeline;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// annals reads diplomatic- and political-history writing and builds a source-grounded
/// chronology of the relations it describes. Every fact points back to the exact bytes of
/// the text it came from.
#[derive(Parser, Debug)]
#[command(name = "annals", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Find and normalize every temporal expression in a text.
    ///
    /// Output (TSV, one line per expression, header first): start and end are byte offsets
    /// into FILE (end exclusive), text is exactly those bytes (a line break written \n, a tab
    /// \t, a backslash \\), then the TIMEX3 type, value and mod. JSON adds the calendar
    /// interval, granularity, four-point uncertainty, EDTF, the anchor a relative or
    /// underspecified value was resolved from, and which parts were implied.
    ///
    /// Underspecified dates ("On November 8") take their year from the narrative; deictic
    /// ones ("yesterday") from the document date: --dct, or the dateline at the top of a
    /// letter, memorandum or telegram ("Tokyo, August 30, 1956—11 a.m.").
    #[command(
        after_help = "Examples:\n  annals time article.txt > timex.tsv\n  annals time memo.txt --dct 1956-08-19 --format json\n  pdftotext paper.pdf - | annals time -"
    )]
    Time {
        /// The text file to read (UTF-8); `-` reads standard input.
        file: PathBuf,
        /// The document creation time, YYYY-MM-DD (overrides a dateline).
        #[arg(long, value_name = "DATE")]
        dct: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Tsv)]
        format: Format,
        /// Annotation conventions of the output: a historian's (one range for "1945–1952",
        /// "six decades" as P6DE) or TimeML's, as in TimeBank and TempEval-3 (two
        /// expressions for a range, P60Y).
        #[arg(long, value_enum, default_value_t = Convention::Historian)]
        convention: Convention,
    },
    /// Read texts, extract their chronology, and store it in a SQLite database.
    ///
    /// Runs in one transaction: an interrupted or failed build leaves the database as it
    /// was. Documents already stored with the same bytes are skipped; when the knowledge
    /// annals uses changes (a new version, another --gazetteer), everything is extracted
    /// again.
    ///
    /// A dated document (a dateline, or --dct) is read sentence by sentence on its parse:
    /// its telegrams' and conversations' statements are dated by it, "I" is its signer.
    /// Documents are analyzed on every core and stored in input order. A document without
    /// dateline that yields no event is named in a warning.
    #[command(
        after_help = "Examples:\n  annals build examples/frus --db annals.db\n  annals build article.txt --gazetteer my-people.toml"
    )]
    Build {
        /// Text files, or directories whose .txt files are read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The database file (created if missing).
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
        /// More gazetteer entities (TOML, as in data/gazetteer); may be repeated.
        #[arg(long, value_name = "FILE")]
        gazetteer: Vec<PathBuf>,
        /// Document date for every input, YYYY-MM-DD (otherwise each dateline is used).
        #[arg(long, value_name = "DATE")]
        dct: Option<String>,
        /// Print the timeline (as `annals timeline` does) when the build is done.
        #[arg(long)]
        timeline: bool,
    },
    /// Print the chronology: events in date order, with actors, targets and evidence.
    ///
    /// TSV columns: id date start end type actors targets summary evidence_start evidence_end
    /// doc (date = TIMEX3 value; start/end = calendar interval, end exclusive; evidence
    /// offsets = bytes of the source document).
    Timeline {
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
        #[command(flatten)]
        filters: FilterArgs,
        #[arg(long, value_enum, default_value_t = chronology::ViewFormat::Table)]
        format: chronology::ViewFormat,
    },
    /// Show one event (E12) with every claim, its evidence marked and its sources, or one
    /// entity (a name) with its events.
    ///
    /// A name annals left unlinked because it may mean several entities ("Matsumoto", with
    /// two Matsumotos known and neither named in full) shows where it was written and the
    /// candidates; an event's claims list such names in their evidence.
    Show {
        /// An event id (E12) or an entity name.
        id: String,
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
    },
    /// Export the chronology for the tools historians use: TimelineJS, Palladio (CSV),
    /// Gephi (GEXF), JSON-LD (schema.org), PLOVER event data.
    ///
    /// Every event carries its evidence (sentence, document, byte offsets) and its sources;
    /// a vague date keeps the value it was written with and the interval it stands for.
    #[command(
        after_help = "Examples:\n  annals export --format timelinejs > timeline.json\n  annals export --format gexf --from 1955 --to 1956 > network.gexf"
    )]
    Export {
        #[arg(long, value_enum)]
        format: chronology::ExportFormat,
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// Serve the chronology: a web page (timeline, network, reader) and its JSON API.
    ///
    /// Opens the database read-only and binds to loopback unless told otherwise. API:
    /// /api/events, /api/events/{id}, /api/entities, /api/documents, /api/documents/{id},
    /// /api/search, /api/network (see the README).
    Serve {
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
        /// Address to listen on; port 0 picks a free port (printed on start).
        #[arg(long, default_value = "127.0.0.1:7878")]
        addr: String,
    },
    /// List the actors of the chronology with their number of events.
    Actors {
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
    },
    /// List the cited works.
    Sources {
        #[arg(long, default_value = "annals.db")]
        db: PathBuf,
    },
    /// What annals knows of the world: entities, their names, periods and roles.
    #[command(subcommand)]
    Knowledge(KnowledgeCommand),
    /// Parse a text to Universal Dependencies: tokens, UPOS, XPOS, features, lemmas and a
    /// labelled dependency tree per sentence, as CoNLL-U.
    ///
    /// Sentences are annals' own (the blocks and sentences of `annals segments`); every
    /// token's byte span in FILE is in MISC as TokenRange=start:end (UDPipe's convention),
    /// so the output plugs into the UD tool chain. The model is built in: trained on UD
    /// English EWT (CC BY-SA 4.0), see data/syntax/README.md.
    #[command(
        after_help = "Examples:\n  annals parse memo.txt > memo.conllu\n  annals parse memo.txt --format json\n  annals parse --pretokenized en_ewt-ud-test.conllu > system.conllu"
    )]
    Parse {
        /// The text file to read (UTF-8); `-` reads standard input.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ParseFormat::Conllu)]
        format: ParseFormat,
        /// FILE is CoNLL-U: keep its sentences and words (gold tokenization) and replace
        /// the annotation.
        #[arg(long)]
        pretokenized: bool,
        /// Use this model file instead of the built-in one (as written by the trainer).
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
    /// Show how a text is segmented: blocks (heading, paragraph, footnote, quote,
    /// attribution, dateline, furniture) with their byte spans and cleaned text.
    Segments {
        /// The text file to read (UTF-8); `-` reads standard input.
        file: PathBuf,
        /// Also list the sentences of each block.
        #[arg(long)]
        sentences: bool,
    },
}

/// Which events a view shows.
#[derive(clap::Args, Debug)]
struct FilterArgs {
    /// Only events this actor takes part in (a name or alias: "Moscow" means USSR); may be
    /// repeated.
    #[arg(long, value_name = "NAME")]
    actor: Vec<String>,
    /// Only events that end after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only events that start before the end of this date.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only events of this type (sign, veto, meet, ...).
    #[arg(long = "type", value_name = "TYPE")]
    kind: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> anyhow::Result<annals_store::Filter> {
        chronology::make_filter(
            &self.actor,
            self.from.as_deref(),
            self.to.as_deref(),
            self.kind.as_deref(),
        )
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ParseFormat {
    /// CoNLL-U, TokenRange=start:end in MISC.
    Conllu,
    /// A JSON array of sentences with their tokens.
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Tab-separated: start end text type value mod.
    Tsv,
    /// A JSON array with the full normalization of each expression.
    Json,
}

#[derive(Subcommand, Debug)]
enum KnowledgeCommand {
    /// Every entity a name may mean — kind, aliases, the period of a state, roles with their
    /// years, the file it came from — and, with --on, which one the name means on that date
    /// (and who holds a role phrase such as "the Secretary of State" then).
    #[command(
        after_help = "Examples:\n  annals knowledge search Russia --on 1905-08-09\n  annals knowledge search \"Secretary of State\" --on 1956\n  annals knowledge search Peking"
    )]
    Search {
        /// A name, alias, capital, adjective or role phrase.
        name: String,
        /// A date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// More gazetteer entities (TOML), as for `annals build`; may be repeated.
        #[arg(long, value_name = "FILE")]
        gazetteer: Vec<PathBuf>,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Convention {
    /// As historians' chronologies write them (annals' gold format).
    Historian,
    /// As TimeML 1.2 (TimeBank, TempEval-3) writes them.
    Timeml,
}

impl From<Convention> for annals_time::Convention {
    fn from(c: Convention) -> Self {
        match c {
            Convention::Historian => annals_time::Convention::Historian,
            Convention::Timeml => annals_time::Convention::TimeMl,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Time {
            file,
            dct,
            format,
            convention,
        } => pipeline::time(
            &file,
            dct.as_deref(),
            format == Format::Json,
            convention.into(),
        ),
        Command::Segments { file, sentences } => pipeline::segments(&file, sentences),
        Command::Parse {
            file,
            format,
            pretokenized,
            model,
        } => pipeline::parse(
            &file,
            if pretokenized {
                pipeline::ParseInput::Conllu
            } else {
                pipeline::ParseInput::Text
            },
            format == ParseFormat::Json,
            model.as_deref(),
        ),
        Command::Build {
            paths,
            db,
            gazetteer,
            dct,
            timeline,
        } => chronology::build(&paths, &db, &gazetteer, dct.as_deref()).and_then(|()| {
            if timeline {
                chronology::timeline(
                    &db,
                    &annals_store::Filter::default(),
                    chronology::ViewFormat::Table,
                )
            } else {
                Ok(())
            }
        }),
        Command::Timeline {
            db,
            filters,
            format,
        } => filters
            .filter()
            .and_then(|f| chronology::timeline(&db, &f, format)),
        Command::Show { id, db } => chronology::show(&db, &id),
        Command::Export {
            format,
            db,
            filters,
        } => filters
            .filter()
            .and_then(|f| chronology::export(&db, &f, format)),
        Command::Serve { db, addr } => tokio::runtime::Runtime::new()
            .map_err(anyhow::Error::from)
            .and_then(|rt| {
                rt.block_on(annals_web::serve(db, addr))
                    .map_err(anyhow::Error::from)
            }),
        Command::Actors { db } => chronology::actors(&db),
        Command::Sources { db } => chronology::sources(&db),
        Command::Knowledge(KnowledgeCommand::Search {
            name,
            on,
            gazetteer,
        }) => knowledge::search(&name, on.as_deref(), &gazetteer),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed pipe (`annals time f | head`) is not an error worth a message.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let _ = std::io::stdout().flush();
            eprintln!("annals: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
