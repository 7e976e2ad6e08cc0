//! `iprchain valuation …`, `iprchain pledge …` and `iprchain bank check`: valuation (价值评估) and
//! pledge financing (质押融资) from the command line. Every argument is checked before the node is
//! contacted; amounts in yuan are read exactly, never through floating point.

use super::{
	cli_asset::{date, history_entry_line, landed, not_found, parse_at, report, signer, ss58},
	connect, print_json, Global, Outcome,
};
use clap::{Args, Subcommand};
use iprchain_client::{
	asset::{self, parse_digest, parse_time_ms, AssetQuery},
	files,
	finance::{
		self, days_after, format_fen_text, format_yuan, parse_cny, parse_fen, parse_method, PledgeRequest,
		ValuationRequest,
	},
	primitives::{
		rpc::{AssetStatusView, AtView, HistoryEntryView, PledgeView, ValuationView},
		Digest, HashAlgo,
	},
	signer::parse_account,
	ClientError,
};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum ValuationCommand {
	/// Record an appraisal of a registered asset (appraiser, not its holder).
	///
	/// The report stays with you: the chain records its SHA-256 digest (hashed here from --report-file,
	/// or given as --report-digest). Prints the valuation's index.
	Submit {
		/// Asset id, certificate number or registration number.
		asset: String,
		#[command(flatten)]
		value: ValueArgs,
		/// How it was valued: cost (成本法), income (收益法), market (市场法) or mixed (综合法).
		#[arg(long)]
		method: String,
		#[command(flatten)]
		report: ReportArgs,
		#[command(flatten)]
		validity: ValidityArgs,
	},
	/// Withdraw one of your own valuations, with the digest of the reason (the appraiser).
	Withdraw {
		/// Asset id, certificate number or registration number.
		asset: String,
		/// Index of the valuation among the asset's valuations (`valuation show` lists them).
		index: u32,
		#[command(flatten)]
		reason: WithdrawalReasonArgs,
	},
	/// Show every valuation of an asset, oldest first, and which one is current.
	Show {
		/// Asset id, certificate number or registration number.
		asset: String,
		/// Read at this block hash instead of the best block.
		#[arg(long)]
		at: Option<String>,
	},
}

#[derive(Subcommand)]
pub enum PledgeCommand {
	/// Propose to pledge an asset you hold to a bank as security for a loan (holder); prints the
	/// pledge id. The bank has 7 days to accept.
	Propose {
		/// Asset id, certificate number or registration number.
		asset: String,
		/// The bank (pledgee), SS58; it must hold the bank role.
		#[arg(long)]
		bank: String,
		#[command(flatten)]
		amount: AmountArgs,
		#[command(flatten)]
		maturity: MaturityArgs,
	},
	/// Accept a proposal (the named bank), relying on the asset's current valuation: the pledge is
	/// established and locks the asset.
	Accept {
		/// Pledge id.
		pledge: u64,
	},
	/// Withdraw a proposal the bank has not accepted (the proposer).
	Withdraw {
		/// Pledge id.
		pledge: u64,
	},
	/// Release (解除) an active pledge once the loan is repaid (the bank); unlocks the asset.
	Release {
		/// Pledge id.
		pledge: u64,
	},
	/// Enforce (实现) an active pledge on default (the bank): the asset goes to the bank, or to --buyer.
	Enforce {
		/// Pledge id.
		pledge: u64,
		/// The buyer, SS58, who must hold the holder role (default: the bank itself takes the asset).
		#[arg(long)]
		buyer: Option<String>,
	},
	/// Show a pledge and its history.
	Show {
		/// Pledge id.
		pledge: u64,
		/// Read at this block hash instead of the best block.
		#[arg(long)]
		at: Option<String>,
	},
}

#[derive(Subcommand)]
pub enum BankCommand {
	/// The bank's check before lending against an asset, in one RPC call: LENDABLE or NOT LENDABLE
	/// with each reason, and the facts behind the verdict. Exit 0 only when lendable.
	Check {
		/// Asset id, 17-digit certificate number or 16-character registration number.
		asset: String,
		/// Read at the latest finalized block, so the verdict rests on state that cannot be reorganised.
		#[arg(long)]
		finalized: bool,
	},
}

/// The appraised value, in yuan or in fen.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct ValueArgs {
	/// Appraised value in yuan, at most two decimals, e.g. 18500000.00.
	#[arg(long, allow_negative_numbers = true)]
	value_cny: Option<String>,
	/// Appraised value in fen (0.01 CNY), a whole number.
	#[arg(long, allow_negative_numbers = true)]
	value_fen: Option<String>,
}

/// The secured amount, in yuan or in fen.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct AmountArgs {
	/// Secured amount (the loan) in yuan, at most two decimals, e.g. 10000000.
	#[arg(long, allow_negative_numbers = true)]
	amount_cny: Option<String>,
	/// Secured amount in fen (0.01 CNY), a whole number.
	#[arg(long, allow_negative_numbers = true)]
	amount_fen: Option<String>,
}

/// The appraisal report, as a document or its digest.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct ReportArgs {
	/// The appraisal report (评估报告), hashed here with SHA-256.
	#[arg(long)]
	report_file: Option<PathBuf>,
	/// Digest of the appraisal report, 64 hex digits.
	#[arg(long)]
	report_digest: Option<String>,
}

/// The reason for withdrawing a valuation, as a document or its digest.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct WithdrawalReasonArgs {
	/// The document giving the reason, hashed here with SHA-256.
	#[arg(long)]
	reason_file: Option<PathBuf>,
	/// Digest of the document giving the reason, 64 hex digits.
	#[arg(long)]
	reason_digest: Option<String>,
}

/// The end of a valuation's validity.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct ValidityArgs {
	/// End of validity (exclusive): Unix ms, YYYY-MM-DD (midnight UTC) or RFC 3339.
	#[arg(long)]
	valid_until: Option<String>,
	/// Validity in days from now.
	#[arg(long)]
	days: Option<u64>,
}

/// When the secured debt falls due.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct MaturityArgs {
	/// Maturity of the loan: Unix ms, YYYY-MM-DD (midnight UTC) or RFC 3339.
	#[arg(long)]
	maturity: Option<String>,
	/// Maturity in days from now.
	#[arg(long)]
	days: Option<u64>,
}

pub(super) fn amount(cny: Option<&str>, fen: Option<&str>, flags: &str) -> Result<u128, ClientError> {
	match (cny, fen) {
		(Some(cny), _) => parse_cny(cny),
		(None, Some(fen)) => parse_fen(fen),
		(None, None) => Err(ClientError::Input(format!("give {flags}"))),
	}
}

pub(super) fn document_digest(
	what: &str,
	file: Option<&Path>,
	digest: Option<&str>,
	flags: &str,
) -> Result<Digest, ClientError> {
	match (file, digest) {
		(Some(path), _) => files::hash_file(HashAlgo::Sha256, path),
		(None, Some(hex)) => parse_digest(what, hex),
		(None, None) => Err(ClientError::Input(format!("give {flags}"))),
	}
}

pub(super) fn time_or_days(
	what: &str,
	time: Option<&str>,
	days: Option<u64>,
	now_ms: u64,
) -> Result<u64, ClientError> {
	match (time, days) {
		(Some(time), _) => parse_time_ms(time),
		(None, Some(days)) => days_after("--days", now_ms, days),
		(None, None) => Err(ClientError::Input(format!("give {what} or --days"))),
	}
}

pub(super) fn yuan(fen: u128) -> String {
	format!("{} CNY", format_yuan(fen))
}

pub(super) fn at_line(at: &AtView) -> String {
	format!(
		"block #{} {} ({})",
		at.number,
		at.hash,
		if at.finalized { "finalized" } else { "not finalized yet" }
	)
}

pub async fn run_valuation(global: &Global, command: ValuationCommand) -> Result<Outcome, ClientError> {
	match command {
		ValuationCommand::Submit { asset, value, method, report: document, validity } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let value_fen =
				amount(value.value_cny.as_deref(), value.value_fen.as_deref(), "--value-cny or --value-fen")?;
			let method = parse_method(&method)?;
			let now = asset::now_ms();
			let valid_until_ms =
				time_or_days("--valid-until", validity.valid_until.as_deref(), validity.days, now)?;
			let report_digest = document_digest(
				"--report-digest",
				document.report_file.as_deref(),
				document.report_digest.as_deref(),
				"--report-file or --report-digest",
			)?;
			// The asset id is not known yet; everything else is checked now.
			let mut request = ValuationRequest { asset: 0, value_fen, method, report_digest, valid_until_ms };
			request.validate(now)?;
			let client = connect(global).await?;
			request.asset = asset::resolve_id(&client, &query).await?;
			let valued = finance::submit_valuation(&client, &signer, request).await?;
			Ok(report(global, &valued, |v| {
				format!(
					"valuation #{} of asset {}: {} ({}) by {}, valid until {}\n  {}",
					v.index,
					v.asset,
					yuan(v.value_fen),
					v.method.name(),
					ss58(&v.appraiser),
					date(v.valid_until_ms),
					landed(&v.included)
				)
			}))
		}
		ValuationCommand::Withdraw { asset, index, reason } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let reason = document_digest(
				"--reason-digest",
				reason.reason_file.as_deref(),
				reason.reason_digest.as_deref(),
				"--reason-file or --reason-digest",
			)?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let withdrawn = finance::withdraw_valuation(&client, &signer, id, index, reason).await?;
			Ok(report(global, &withdrawn, |w| {
				format!(
					"withdrew valuation #{} of asset {} (reason {})\n  {}",
					w.index,
					w.asset,
					w.reason_digest,
					landed(&w.included)
				)
			}))
		}
		ValuationCommand::Show { asset, at } => {
			let query = AssetQuery::parse(&asset)?;
			let at = parse_at(at.as_deref())?;
			let client = connect(global).await?;
			let id = match &query {
				AssetQuery::Id(id) => Some(*id),
				other => asset::status(&client, other, at).await?.map(|view| view.id),
			};
			let view = match id {
				Some(id) => finance::valuations(&client, id, at).await?,
				None => None,
			};
			if global.json {
				print_json(&view);
			}
			let Some(view) = view else {
				if !global.json {
					println!("{}", not_found(&query));
				}
				return Ok(Outcome::No);
			};
			if !global.json {
				match (view.valuations.len(), view.current) {
					(0, _) => println!("asset {}: no valuations", view.asset),
					(count, Some(current)) => {
						println!("asset {}: {count} valuation(s), current #{current}", view.asset)
					}
					(count, None) => println!("asset {}: {count} valuation(s), none current", view.asset),
				}
				for valuation in &view.valuations {
					println!("{}", valuation_line(valuation, view.current == Some(valuation.index)));
				}
				println!("  as of {}", at_line(&view.at));
			}
			Ok(Outcome::Done)
		}
	}
}

fn valuation_line(valuation: &ValuationView, current: bool) -> String {
	let state = match (valuation.withdrawn_at, valuation.in_force) {
		(Some(at), _) => format!(
			"withdrawn {} (reason {})",
			date(at),
			valuation.withdrawal_reason.as_deref().unwrap_or("?")
		),
		(None, true) if current => "in force, current".to_string(),
		(None, true) => "in force".to_string(),
		(None, false) => "expired".to_string(),
	};
	format!(
		"{} #{:<3} {} ({}) by {}, valued {}, valid until {}, report {}: {state}",
		if current { "*" } else { " " },
		valuation.index,
		format_fen_text(&valuation.value_fen),
		valuation.method,
		valuation.appraiser,
		date(valuation.valued_at),
		date(valuation.valid_until),
		valuation.report_digest
	)
}

pub async fn run_pledge(global: &Global, command: PledgeCommand) -> Result<Outcome, ClientError> {
	match command {
		PledgeCommand::Propose { asset, bank, amount: secured, maturity } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let bank = parse_account(&bank)?;
			let secured_fen = amount(
				secured.amount_cny.as_deref(),
				secured.amount_fen.as_deref(),
				"--amount-cny or --amount-fen",
			)?;
			let now = asset::now_ms();
			let maturity_ms = time_or_days("--maturity", maturity.maturity.as_deref(), maturity.days, now)?;
			let mut request = PledgeRequest { asset: 0, bank, secured_fen, maturity_ms };
			request.validate(now)?;
			let client = connect(global).await?;
			request.asset = asset::resolve_id(&client, &query).await?;
			let proposed = finance::propose(&client, &signer, request).await?;
			Ok(report(global, &proposed, |p| {
				format!(
					"proposed pledge {}: asset {} to bank {} securing {}, maturity {}\n  \
					 the bank may accept until {}\n  {}",
					p.pledge,
					p.asset,
					ss58(&p.pledgee),
					yuan(p.secured_fen),
					date(p.maturity_ms),
					date(p.expires_ms),
					landed(&p.included)
				)
			}))
		}
		PledgeCommand::Accept { pledge } => {
			let signer = signer(global)?;
			let client = connect(global).await?;
			let accepted = finance::accept(&client, &signer, pledge).await?;
			Ok(report(global, &accepted, |a| {
				format!(
					"accepted pledge {}: asset {} is pledged to {}, relying on valuation #{} ({})\n  {}",
					a.pledge,
					a.asset,
					ss58(&a.pledgee),
					a.valuation_index,
					yuan(a.valuation_fen),
					landed(&a.included)
				)
			}))
		}
		PledgeCommand::Withdraw { pledge } => {
			let signer = signer(global)?;
			let client = connect(global).await?;
			let withdrawn = finance::withdraw_proposal(&client, &signer, pledge).await?;
			Ok(report(global, &withdrawn, |w| {
				format!(
					"withdrew the proposal of pledge {} (asset {})\n  {}",
					w.pledge,
					w.asset,
					landed(&w.included)
				)
			}))
		}
		PledgeCommand::Release { pledge } => {
			let signer = signer(global)?;
			let client = connect(global).await?;
			let released = finance::release(&client, &signer, pledge).await?;
			Ok(report(global, &released, |r| {
				format!(
					"released pledge {}: asset {} is no longer pledged\n  {}",
					r.pledge,
					r.asset,
					landed(&r.included)
				)
			}))
		}
		PledgeCommand::Enforce { pledge, buyer } => {
			let signer = signer(global)?;
			let buyer = buyer.as_deref().map(parse_account).transpose()?;
			let client = connect(global).await?;
			let enforced = finance::enforce(&client, &signer, pledge, buyer).await?;
			Ok(report(global, &enforced, |e| {
				format!(
					"enforced pledge {}: asset {} now belongs to {}\n  {}",
					e.pledge,
					e.asset,
					ss58(&e.to),
					landed(&e.included)
				)
			}))
		}
		PledgeCommand::Show { pledge, at } => {
			let at = parse_at(at.as_deref())?;
			let client = connect(global).await?;
			let detail = finance::pledge(&client, pledge, at).await?;
			if global.json {
				print_json(&detail);
			}
			let Some(detail) = detail else {
				if !global.json {
					println!("no pledge {pledge} on this chain");
				}
				return Ok(Outcome::No);
			};
			if !global.json {
				print_pledge(&detail.pledge);
				println!("  history");
				for entry in &detail.history {
					println!("{}", history_line(entry));
				}
				println!("  as of         {}", at_line(&detail.at));
			}
			Ok(Outcome::Done)
		}
	}
}

fn print_pledge(pledge: &PledgeView) {
	println!("pledge {}: {}", pledge.id, pledge.state);
	println!("  asset         {}", pledge.asset);
	println!("  pledgor       {}", pledge.pledgor);
	println!("  bank          {}", pledge.pledgee);
	println!("  secured       {}", format_fen_text(&pledge.secured_fen));
	println!("  maturity      {}", date(pledge.maturity));
	println!("  in force to   {} (maturity plus the enforcement grace)", date(pledge.in_force_until));
	println!("  proposed      {}", date(pledge.proposed_at));
	if let Some(accepted) = pledge.accepted_at {
		let relied_on = match (pledge.valuation_index, &pledge.valuation_fen) {
			(Some(index), Some(fen)) => format!(", relying on valuation #{index} ({})", format_fen_text(fen)),
			_ => String::new(),
		};
		println!("  accepted      {}{relied_on}", date(accepted));
	}
	if let Some(to) = &pledge.enforced_to {
		println!("  enforced to   {to}");
	}
}

fn history_line(entry: &HistoryEntryView) -> String {
	let details: Vec<String> = entry
		.details
		.iter()
		.map(|(name, value)| match (name.as_str(), value.parse::<u64>()) {
			("expires", Ok(millis)) => format!("{name}={}", date(millis)),
			("valuation", _) => format!("valuation=#{value}"),
			("valuationFen", _) => format!("value={}", format_fen_text(value)),
			_ => format!("{name}={value}"),
		})
		.collect();
	history_entry_line(entry, &details)
}

pub async fn run_bank(global: &Global, command: BankCommand) -> Result<Outcome, ClientError> {
	match command {
		BankCommand::Check { asset, finalized } => {
			let query = AssetQuery::parse(&asset)?;
			let client = connect(global).await?;
			let view = finance::bank_check(&client, &query, finalized).await?;
			if global.json {
				print_json(&view);
			}
			let Some(view) = view else {
				if !global.json {
					println!("NOT LENDABLE: {}", not_found(&query));
				}
				return Ok(Outcome::No);
			};
			if !global.json {
				print_verdict(&view);
			}
			Ok(if view.lending.lendable { Outcome::Done } else { Outcome::No })
		}
	}
}

fn print_verdict(view: &AssetStatusView) {
	let name = &view.application.name;
	if view.lending.lendable {
		println!("LENDABLE: asset {} ({name}) may secure a loan", view.id);
	} else {
		println!("NOT LENDABLE: asset {} ({name})", view.id);
		for reason in &view.lending.reasons {
			println!("  - {reason}");
		}
	}
	println!("  holder        {}", view.holder);
	println!("  status        {}", view.status);
	println!("  certificate   {}", view.certificate_no.as_deref().unwrap_or("none"));
	println!("  registration  {}", view.registration_no.as_deref().unwrap_or("none"));
	match (view.valid_from, view.valid_until) {
		(Some(from), Some(until)) => println!("  valid         {} to {} (UTC)", date(from), date(until)),
		_ => println!("  valid         not registered"),
	}
	match &view.valuation {
		Some(valuation) => println!(
			"  valuation     {} ({}, #{} by {}, valued {}, valid until {})",
			format_fen_text(&valuation.value_fen),
			valuation.method,
			valuation.index,
			valuation.appraiser,
			date(valuation.valued_at),
			date(valuation.valid_until)
		),
		None => println!("  valuation     none current"),
	}
	match &view.pledge {
		Some(pledge) => println!(
			"  pledge        #{} {} to bank {} securing {}, maturity {}, in force until {}",
			pledge.id,
			pledge.state,
			pledge.pledgee,
			format_fen_text(&pledge.secured_fen),
			date(pledge.maturity),
			date(pledge.in_force_until)
		),
		None => println!("  pledge        none"),
	}
	match (&view.freeze, view.frozen) {
		(Some(freeze), true) => println!(
			"  frozen        yes, by court {} since {}, {}",
			freeze.court,
			date(freeze.since),
			freeze
				.until
				.map(|until| format!("until {}", date(until)))
				.unwrap_or_else(|| "until lifted".into())
		),
		_ => println!("  frozen        no"),
	}
	if view.policies.is_empty() {
		println!("  policies      none");
	} else {
		println!("  policies      {}", view.policies.join(", "));
	}
	println!(
		"  block         #{} {} ({})",
		view.at.number,
		view.at.hash,
		if view.at.finalized {
			"finalized"
		} else {
			"NOT finalized: could still be reorganised; use --finalized"
		}
	);
	println!("  evaluated at  {}", date(view.evaluated_at));
}
