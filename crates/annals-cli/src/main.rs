//! The `annals` command line.
//!
//! Commands are thin: they read input, run the pipeline stages from the library crates
//! (`annals-ingest` → `annals-time`) and write output. Errors from the libraries are typed;
//! here they become messages for people, with the input named.

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

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Tab-separated: start end text type value mod.
    Tsv,
    /// A JSON array with the full normalization of each expression.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Time { file, dct, format } => {
            pipeline::time(&file, dct.as_deref(), format == Format::Json)
        }
        Command::Segments { file, sentences } => pipeline::segments(&file, sentences),
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
