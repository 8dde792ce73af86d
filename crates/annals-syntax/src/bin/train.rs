//! Trains the syntax model from a CoNLL-U treebank and writes it (deflated) to a file.
//!
//! `cargo run -p annals-syntax --release --bin train -- \
//!     ../shared/ud/en_ewt-ud-train.conllu --dev ../shared/ud/en_ewt-ud-dev.conllu \
//!     -o data/syntax/en_ewt.model`
//!
//! Deterministic: the same treebank and options give the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use annals_syntax::{conllu, train, Model};
use clap::Parser;

#[derive(Parser, Debug)]
#[command(about = "Train the annals syntax model (tagger, lemmatizer, parser) on a UD treebank")]
struct Args {
    /// Training treebank (CoNLL-U).
    #[arg(required_unless_present = "relayout")]
    train: Option<PathBuf>,
    /// Development treebank, scored after training (gold tokenization).
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short, long)]
    output: PathBuf,
    #[arg(long, default_value_t = 7)]
    tagger_epochs: usize,
    #[arg(long, default_value_t = 8)]
    morph_epochs: usize,
    #[arg(long, default_value_t = 15)]
    parser_epochs: usize,

    /// Folds for jackknifed training tags (1 = gold tags).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    #[arg(long, default_value_t = 1956)]
    seed: u64,
    /// Drop parser features seen fewer times than this (model size and speed).
    #[arg(long, default_value_t = 2)]
    min_count: u32,
    /// Follow the parser's own wrong moves with this probability (dynamic oracle)...
    #[arg(long, default_value_t = 0.9)]
    explore_p: f64,
    /// ...from this epoch on (0-based).
    #[arg(long, default_value_t = 1)]
    explore_from: usize,
    /// Train the parser on non-projective trees too.
    #[arg(long)]
    nonprojective: bool,
    /// Drop parser weights smaller than this (quantized units; 0 keeps all): 500 makes
    /// the parser a third of its size and faster for about 0.1 point of attachment score.
    #[arg(long, default_value_t = 500)]
    prune: i16,
    /// Score the parser on --dev after every epoch.
    #[arg(long)]
    monitor: bool,
    /// Do not train: read the model at --output, lay its weight tables out again as the
    /// trainer now would, and write it back (after a change of table sizing only).
    #[arg(long)]
    relayout: bool,
}

fn read(path: &PathBuf) -> Result<Vec<conllu::TreebankSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    conllu::read(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `bytes` to `path` through a temporary file: a failed write leaves the old model.
fn write(path: &PathBuf, bytes: &[u8]) -> Result<(), String> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

fn relayout(path: &PathBuf) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut model = Model::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    model.relayout();
    write(path, &model.to_bytes())
}

fn run(args: Args) -> Result<(), String> {
    if args.relayout {
        return relayout(&args.output);
    }
    let t0 = Instant::now();
    let train_path = args
        .train
        .clone()
        .expect("clap requires it without --relayout");
    let data = read(&train_path)?;
    let name = train_path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let opts = train::Options {
        tagger_epochs: args.tagger_epochs,
        morph_epochs: args.morph_epochs,
        parser_epochs: args.parser_epochs,
        folds: args.folds,
        seed: args.seed,
        monitor: args.monitor,
        nonprojective: args.nonprojective,
        explore_p: args.explore_p,
        explore_from: args.explore_from,
        min_count: args.min_count,
        about: format!(
            "annals syntax model trained on {name} (Universal Dependencies English EWT, \
             CC BY-SA 4.0); tagger {} / morphology {} / parser {} epochs, {} folds, min count {}, prune {}, seed {}",
            args.tagger_epochs,
            args.morph_epochs,
            args.parser_epochs,
            args.folds,
            args.min_count,
            args.prune,
            args.seed
        ),
    };
    let mut log = |s: &str| eprintln!("[{:6.1}s] {s}", t0.elapsed().as_secs_f64());
    let dev = args.dev.as_ref().map(read).transpose()?;
    let mut model = train::train(&data, dev.as_deref(), &opts, &mut log);
    if args.prune > 0 {
        model.prune_parser(args.prune);
        log(&format!(
            "pruned the parser to {} weights",
            model.sizes()[2]
        ));
    }
    let bytes = model.to_bytes();
    write(&args.output, &bytes)?;
    log(&format!(
        "wrote {} ({:.1} MB)",
        args.output.display(),
        bytes.len() as f64 / 1e6
    ));
    if let Some(dev) = &dev {
        let back = Model::from_bytes(&bytes).map_err(|e| e.to_string())?;
        let s = train::evaluate(&back, dev);
        log(&format!(
            "dev ({} words): UPOS {:.4} XPOS {:.4} UFeats {:.4} Lemma {:.4} UAS {:.4} LAS {:.4}",
            s.words, s.upos, s.xpos, s.feats, s.lemma, s.uas, s.las
        ));
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train: {e}");
            ExitCode::from(2)
        }
    }
}
