//! `iprchain policy …` and `iprchain evidence link-infringement`: infringement-loss insurance
//! (知识产权侵权损失险) from the command line. Every argument is checked before the node is contacted.

use super::{
	cli_asset::{date, landed, parse_at, report, signer, ss58},
	cli_finance::{amount, at_line, document_digest, time_or_days, yuan},
	connect, print_json, Global, Outcome,
};
use clap::{Args, Subcommand};
use iprchain_client::{
	asset::{self, parse_evidence_ref},
	finance::format_fen_text,
	insurance::{self, format_subject, parse_subject, PolicyQuery, PolicyRequest},
	primitives::rpc::{ClaimView, PolicyDetailView, SubjectView},
	signer::parse_account,
	ClientError,
};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum PolicyCommand {
	/// Bind an infringement-loss policy to registered assets and deposited works (an insurer).
	///
	/// Each subject must be valid now: an asset registered and unexpired, a work deposited. Prints the
	/// policy id.
	Bind {
		/// The insurer's policy number (保单号), unique on the chain, at most 64 bytes.
		#[arg(long)]
		policy_no: String,
		/// The insured (被保险人), SS58; only they may claim.
		#[arg(long)]
		insured: String,
		/// What it covers, repeatable: asset:ID for a registered asset, or ALGO:HEX for a deposited work.
		#[arg(long = "subject", required = true)]
		subjects: Vec<String>,
		#[command(flatten)]
		coverage: CoverageArgs,
		/// Premium (保费) in yuan, at most two decimals (recorded, not collected on chain).
		#[arg(long, default_value = "0", allow_negative_numbers = true)]
		premium_cny: String,
		/// Start of the term: Unix ms, YYYY-MM-DD (midnight UTC) or RFC 3339 (default: now).
		#[arg(long)]
		start: Option<String>,
		#[command(flatten)]
		term: TermArgs,
	},
	/// File a claim (索赔) for a loss from an infringement of a covered subject (the insured).
	///
	/// The evidence must be deposited with kind infringement and linked to the subject with
	/// `iprchain evidence link-infringement`.
	Claim {
		/// Policy id, or policy number.
		policy: String,
		/// The covered subject infringed: asset:ID or ALGO:HEX.
		#[arg(long)]
		subject: String,
		/// The infringement evidence, ALGO:HEX (e.g. sha256:0x…).
		#[arg(long)]
		evidence: String,
		#[command(flatten)]
		amount: ClaimAmountArgs,
	},
	/// Approve or reject a filed claim (the policy's insurer), with the digest of the reasons.
	Decide {
		/// Claim id.
		claim: u64,
		#[command(flatten)]
		verdict: VerdictArgs,
		/// The decision letter (理赔/拒赔通知书), hashed here with SHA-256.
		#[arg(long)]
		reason_file: Option<PathBuf>,
		/// Digest of the decision letter, 64 hex digits.
		#[arg(long)]
		reason_digest: Option<String>,
	},
	/// Record the payment of an approved claim (the policy's insurer).
	Pay {
		/// Claim id.
		claim: u64,
	},
	/// Show a policy, its state and every claim under it.
	Show {
		/// Policy id, or policy number (write no:NUMBER for a number made only of digits).
		policy: String,
		/// Read at this block hash instead of the best block.
		#[arg(long)]
		at: Option<String>,
	},
}

/// The limit of indemnity, in yuan or in fen.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct CoverageArgs {
	/// Limit of indemnity (保险金额) in yuan, at most two decimals, e.g. 5000000.
	#[arg(long, allow_negative_numbers = true)]
	coverage_cny: Option<String>,
	/// Limit of indemnity in fen (0.01 CNY), a whole number.
	#[arg(long, allow_negative_numbers = true)]
	coverage_fen: Option<String>,
}

/// The end of the term.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct TermArgs {
	/// End of the term (exclusive): Unix ms, YYYY-MM-DD (midnight UTC) or RFC 3339.
	#[arg(long)]
	end: Option<String>,
	/// Term in days from the start.
	#[arg(long)]
	days: Option<u64>,
}

/// The loss claimed, in yuan or in fen.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct ClaimAmountArgs {
	/// The loss claimed in yuan, at most two decimals.
	#[arg(long, allow_negative_numbers = true)]
	amount_cny: Option<String>,
	/// The loss claimed in fen (0.01 CNY), a whole number.
	#[arg(long, allow_negative_numbers = true)]
	amount_fen: Option<String>,
}

/// Approve or reject.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct VerdictArgs {
	/// Approve the claim.
	#[arg(long)]
	approve: bool,
	/// Reject the claim.
	#[arg(long)]
	reject: bool,
}

pub async fn run_policy(global: &Global, command: PolicyCommand) -> Result<Outcome, ClientError> {
	match command {
		PolicyCommand::Bind { policy_no, insured, subjects, coverage, premium_cny, start, term } => {
			let signer = signer(global)?;
			let insured = parse_account(&insured)?;
			let subjects = subjects.iter().map(|text| parse_subject(text)).collect::<Result<Vec<_>, _>>()?;
			let coverage_fen = amount(
				coverage.coverage_cny.as_deref(),
				coverage.coverage_fen.as_deref(),
				"--coverage-cny or --coverage-fen",
			)?;
			let premium_fen = amount(Some(&premium_cny), None, "--premium-cny")?;
			let now = asset::now_ms();
			let start_ms = match start.as_deref() {
				Some(text) => asset::parse_time_ms(text)?,
				None => now,
			};
			let end_ms = time_or_days("--end", term.end.as_deref(), term.days, start_ms)?;
			let request =
				PolicyRequest { policy_no, insured, subjects, coverage_fen, premium_fen, start_ms, end_ms };
			request.validate(now)?;
			let client = connect(global).await?;
			let bound = insurance::bind(&client, &signer, request).await?;
			Ok(report(global, &bound, |b| {
				let subjects: Vec<_> = b.subjects.iter().map(format_subject).collect();
				format!(
					"bound policy {} ({}): insures {} for up to {}, {} to {}\n  covers {}\n  {}",
					b.policy,
					b.policy_no,
					ss58(&b.insured),
					yuan(b.coverage_fen),
					date(b.start_ms),
					date(b.end_ms),
					subjects.join(", "),
					landed(&b.included)
				)
			}))
		}
		PolicyCommand::Claim { policy, subject, evidence, amount: claimed } => {
			let signer = signer(global)?;
			let query = PolicyQuery::parse(&policy)?;
			let subject = parse_subject(&subject)?;
			let evidence = parse_evidence_ref(&evidence)?;
			let amount_fen = amount(
				claimed.amount_cny.as_deref(),
				claimed.amount_fen.as_deref(),
				"--amount-cny or --amount-fen",
			)?;
			if amount_fen == 0 {
				return Err(ClientError::Input("the amount claimed must be more than zero".into()));
			}
			let client = connect(global).await?;
			let policy = resolve_policy(&client, &query).await?;
			let filed = insurance::claim(&client, &signer, policy, subject, evidence, amount_fen).await?;
			Ok(report(global, &filed, |f| {
				format!(
					"filed claim {} under policy {}: {} for infringement of {} (evidence {})\n  {}",
					f.claim,
					f.policy,
					yuan(f.amount_fen),
					format_subject(&f.subject),
					asset::format_evidence_ref(&f.evidence),
					landed(&f.included)
				)
			}))
		}
		PolicyCommand::Decide { claim, verdict, reason_file, reason_digest } => {
			let signer = signer(global)?;
			let reason = document_digest(
				"--reason-digest",
				reason_file.as_deref(),
				reason_digest.as_deref(),
				"--reason-file or --reason-digest",
			)?;
			let approve = verdict.approve && !verdict.reject;
			let client = connect(global).await?;
			let decided = insurance::decide(&client, &signer, claim, approve, reason).await?;
			Ok(report(global, &decided, |d| {
				format!(
					"claim {} under policy {}: {}\n  {}",
					d.claim,
					d.policy,
					if d.approved { "approved" } else { "rejected" },
					landed(&d.included)
				)
			}))
		}
		PolicyCommand::Pay { claim } => {
			let signer = signer(global)?;
			let client = connect(global).await?;
			let paid = insurance::pay(&client, &signer, claim).await?;
			Ok(report(global, &paid, |p| {
				format!(
					"paid claim {} under policy {}: {} (paid under the policy so far: {})\n  {}",
					p.claim,
					p.policy,
					yuan(p.amount_fen),
					yuan(p.paid_fen),
					landed(&p.included)
				)
			}))
		}
		PolicyCommand::Show { policy, at } => {
			let query = PolicyQuery::parse(&policy)?;
			let at = parse_at(at.as_deref())?;
			let client = connect(global).await?;
			let detail = insurance::policy(&client, &query, at).await?;
			if global.json {
				print_json(&detail);
			}
			let Some(detail) = detail else {
				if !global.json {
					println!("{}", policy_not_found(&query));
				}
				return Ok(Outcome::No);
			};
			if !global.json {
				print_policy(&detail);
			}
			Ok(Outcome::Done)
		}
	}
}

/// `iprchain evidence link-infringement`: links deposited infringement evidence to what it infringed.
pub async fn run_link_infringement(
	global: &Global,
	evidence: &str,
	subject: &str,
) -> Result<Outcome, ClientError> {
	let signer = signer(global)?;
	let evidence = parse_evidence_ref(evidence)?;
	let subject = parse_subject(subject)?;
	let client = connect(global).await?;
	let linked = insurance::link_infringement(&client, &signer, evidence, subject).await?;
	Ok(report(global, &linked, |l| {
		format!(
			"linked infringement evidence {} to {} (by {})\n  {}",
			asset::format_evidence_ref(&l.evidence),
			format_subject(&l.subject),
			ss58(&l.by),
			landed(&l.included)
		)
	}))
}

async fn resolve_policy(client: &iprchain_client::Client, query: &PolicyQuery) -> Result<u64, ClientError> {
	match query {
		PolicyQuery::Id(id) => Ok(*id),
		PolicyQuery::Number(_) => insurance::policy(client, query, None)
			.await?
			.map(|detail| detail.policy.id)
			.ok_or_else(|| ClientError::Input(policy_not_found(query))),
	}
}

fn policy_not_found(query: &PolicyQuery) -> String {
	match query {
		PolicyQuery::Id(id) => format!("no policy {id} on this chain"),
		PolicyQuery::Number(number) => format!("no policy numbered `{number}` on this chain"),
	}
}

fn subject_text(subject: &SubjectView) -> String {
	match (&subject.asset, &subject.evidence) {
		(Some(asset), _) => format!("asset:{asset}"),
		(None, Some(evidence)) => format!("{}:{}", evidence.algo, evidence.digest),
		(None, None) => "?".into(),
	}
}

fn print_policy(detail: &PolicyDetailView) {
	let policy = &detail.policy;
	println!("policy {} ({}): {}", policy.id, policy.policy_no, policy.state);
	println!("  insurer       {}", policy.insurer);
	println!("  insured       {}", policy.insured);
	println!("  term          {} to {} (UTC)", date(policy.start), date(policy.end));
	println!("  coverage      {}", format_fen_text(&policy.coverage_fen));
	println!("  premium       {}", format_fen_text(&policy.premium_fen));
	println!(
		"  paid          {} (approved, to be paid {}; remaining {})",
		format_fen_text(&policy.paid_fen),
		format_fen_text(&policy.approved_fen),
		format_fen_text(&policy.remaining_fen)
	);
	for subject in &policy.subjects {
		println!("  covers        {}", subject_text(subject));
	}
	println!("  bound         {}", date(policy.bound_at));
	if detail.claims.is_empty() {
		println!("  claims        none");
	}
	for claim in &detail.claims {
		println!("{}", claim_line(claim));
	}
	println!("  as of         {}", at_line(&detail.at));
}

fn claim_line(claim: &ClaimView) -> String {
	let mut line = format!(
		"  claim #{:<3}   {} {} by {} filed {} for {} (evidence {}:{})",
		claim.id,
		claim.status,
		format_fen_text(&claim.amount_fen),
		claim.claimant,
		date(claim.filed_at),
		subject_text(&claim.subject),
		claim.evidence.algo,
		claim.evidence.digest
	);
	if let Some(decision) = &claim.decision {
		line.push_str(&format!(
			", {} {} (reasons {})",
			if decision.approved { "approved" } else { "rejected" },
			date(decision.at),
			decision.reason_digest
		));
	}
	if let Some(paid) = claim.paid_at {
		line.push_str(&format!(", paid {}", date(paid)));
	}
	line
}
