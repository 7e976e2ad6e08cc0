//! `iprchain asset …` and `iprchain court …`: data-IP registration (数据知识产权登记) from the command
//! line. Every argument is checked before the node is contacted.

use super::{connect, print_json, Global, Outcome};
use clap::{Args, Subcommand};
use iprchain_client::{
	asset::{
		self, parse_digest, parse_evidence_ref, parse_named, parse_time_ms, ApplicationFields, AssetQuery,
		DataSourceType, EvidenceRef, HolderType, Included, LicenceKind, LicenceRequest, UpdateFrequency,
	},
	files,
	primitives::{
		rpc::{AssetStatusView, AtView, CertificateStatusView, HistoryEntryView},
		time::{format_millis_utc, MS_PER_DAY},
		Digest, HashAlgo,
	},
	runtime::{AccountId, Hash},
	signer::{parse_account, Signer},
	ClientError,
};
use sp_core::crypto::Ss58Codec;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum AssetCommand {
	/// Apply to register a data set; it goes under public notice (公示) for the notice period.
	///
	/// The data stays with you: the chain records the SHA-256 digests of the data-element table,
	/// the sample table and the processing rules (hashed here from --*-file, or given as --*-digest).
	Apply {
		#[command(flatten)]
		fields: Box<ApplicationArgs>,
		/// The right holder, SS58 (default: the signer). A workstation applies for another holder.
		#[arg(long)]
		holder: Option<String>,
	},
	/// Object to an application under notice, citing deposited evidence.
	Object {
		/// Asset id, certificate number or registration number.
		asset: String,
		/// The objection's deposited evidence, ALGO:HEX (e.g. sha256:0x…).
		#[arg(long)]
		evidence: String,
	},
	/// Decide an objection (registrar): --upheld rejects the application, --dismissed lets the notice
	/// run on.
	Resolve {
		/// Asset id.
		asset: String,
		#[command(flatten)]
		decision: Decision,
	},
	/// Approve an application whose notice is over (registrar); issues certificate and registration
	/// numbers.
	Approve {
		/// Asset id.
		asset: String,
	},
	/// Withdraw (撤回) an application before registration (holder).
	Withdraw {
		/// Asset id.
		asset: String,
	},
	/// Change (变更) a registered asset's application (holder): only the fields given change.
	Change {
		/// Asset id, certificate number or registration number.
		asset: String,
		#[command(flatten)]
		fields: Box<ApplicationArgs>,
		/// Remove the source evidence.
		#[arg(long, conflicts_with = "source_evidence")]
		no_source_evidence: bool,
		/// Remove the row-level Merkle root.
		#[arg(long, conflicts_with = "row_root")]
		no_row_root: bool,
		/// Remove all further evidence references.
		#[arg(long, conflicts_with = "evidence")]
		clear_evidence: bool,
	},
	/// Transfer a registered asset to another holder (holder).
	Transfer {
		/// Asset id, certificate number or registration number.
		asset: String,
		/// The new holder, SS58; it must hold the holder role.
		to: String,
	},
	/// Record a licence (许可) of a registered asset (holder).
	License {
		/// Asset id, certificate number or registration number.
		asset: String,
		/// The licensee, SS58; it must hold some role.
		licensee: String,
		/// exclusive (独占), sole (排他) or non-exclusive (普通).
		#[arg(long)]
		kind: String,
		/// What use is licensed (territory, purpose).
		#[arg(long)]
		scope: String,
		/// Start of the term: Unix ms, YYYY-MM-DD or RFC 3339 (default: now).
		#[arg(long)]
		start: Option<String>,
		#[command(flatten)]
		term: TermEnd,
	},
	/// Renew (续展) a registration within its renewal window (holder).
	Renew {
		/// Asset id, certificate number or registration number.
		asset: String,
	},
	/// Cancel (注销) a registration (holder).
	Cancel {
		/// Asset id, certificate number or registration number.
		asset: String,
	},
	/// Revoke (撤销) a registration with the digest of the decision (registrar).
	Revoke {
		/// Asset id, certificate number or registration number.
		asset: String,
		#[command(flatten)]
		reason: ReasonArgs,
	},
	/// Show an asset: status, holder, numbers, validity, freeze, licences, application.
	Show {
		/// Asset id, 17-digit certificate number or 16-character registration number.
		asset: String,
		/// Read at this block hash instead of the best block.
		#[arg(long)]
		at: Option<String>,
	},
	/// Print an asset's history, one line per entry, oldest first.
	History {
		/// Asset id, certificate number or registration number.
		asset: String,
		/// Read at this block hash instead of the best block.
		#[arg(long)]
		at: Option<String>,
	},
	/// Check a certificate: exit 0 only if it is valid (not expired, revoked, cancelled or frozen).
	Certificate {
		/// The 17-digit certificate number.
		number: String,
		/// Read at this block hash instead of the best block.
		#[arg(long)]
		at: Option<String>,
	},
}

#[derive(Subcommand)]
pub enum CourtCommand {
	/// Freeze an asset under a court order (保全); the holder can then not withdraw, change,
	/// transfer, license or cancel it.
	Freeze {
		/// Asset id, certificate number or registration number.
		asset: String,
		#[command(flatten)]
		order: OrderArgs,
		/// When the order lapses by itself: Unix ms, YYYY-MM-DD or RFC 3339 (default: until lifted).
		#[arg(long)]
		until: Option<String>,
	},
	/// Lift a freeze under a court order.
	Unfreeze {
		/// Asset id, certificate number or registration number.
		asset: String,
		#[command(flatten)]
		order: OrderArgs,
	},
}

/// The fields of an application. `apply` needs all but the optional ones; `change` takes any.
#[derive(Args)]
pub struct ApplicationArgs {
	/// Name of the data set.
	#[arg(long)]
	name: Option<String>,
	/// Industry category code.
	#[arg(long)]
	category: Option<u16>,
	/// Where the data came from: own-collection, licensed, purchased or public.
	#[arg(long)]
	source: Option<String>,
	/// Deposited evidence of the source (the licence or purchase contract), ALGO:HEX; required for
	/// licensed and purchased data.
	#[arg(long)]
	source_evidence: Option<String>,
	/// legal-person (default for a new application), natural-person or other-organisation.
	#[arg(long)]
	holder_type: Option<String>,
	/// Size of the data set, e.g. "1.2 million rows, 30 GB".
	#[arg(long)]
	scale: Option<String>,
	/// Format of the data, e.g. "CSV, UTF-8".
	#[arg(long)]
	format: Option<String>,
	/// static, real-time, daily, weekly, monthly, quarterly, yearly or irregular.
	#[arg(long)]
	update_frequency: Option<String>,
	/// The data-element table (数据要素表), hashed here with SHA-256.
	#[arg(long, conflicts_with = "structure_digest")]
	structure_file: Option<PathBuf>,
	/// Digest of the data-element table, 64 hex digits.
	#[arg(long)]
	structure_digest: Option<String>,
	/// The sample table (数据样例表), hashed here with SHA-256.
	#[arg(long, conflicts_with = "sample_digest")]
	sample_file: Option<PathBuf>,
	/// Digest of the sample table, 64 hex digits.
	#[arg(long)]
	sample_digest: Option<String>,
	/// The processing rules (算法规则), hashed here with SHA-256.
	#[arg(long, conflicts_with = "rules_digest")]
	rules_file: Option<PathBuf>,
	/// Digest of the processing rules, 64 hex digits.
	#[arg(long)]
	rules_digest: Option<String>,
	/// Merkle root over the rows, 64 hex digits, if single rows should be provable later.
	#[arg(long)]
	row_root: Option<String>,
	/// Further deposited evidence, ALGO:HEX; repeat for more. In `change`, replaces the list.
	#[arg(long)]
	evidence: Vec<String>,
}

/// The registrar's decision on an objection.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct Decision {
	/// Uphold the objection: the application is rejected.
	#[arg(long)]
	upheld: bool,
	/// Dismiss the objection: the notice runs on to its original end.
	#[arg(long)]
	dismissed: bool,
}

/// The end of a licence term.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct TermEnd {
	/// End of the term (exclusive): Unix ms, YYYY-MM-DD or RFC 3339.
	#[arg(long)]
	end: Option<String>,
	/// Length of the term in days from its start.
	#[arg(long)]
	days: Option<u64>,
}

/// A court order, as a document or its digest.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct OrderArgs {
	/// The court order document, hashed here with SHA-256.
	#[arg(long)]
	order_file: Option<PathBuf>,
	/// Digest of the court order, 64 hex digits.
	#[arg(long)]
	order_digest: Option<String>,
}

/// A revocation decision, as a document or its digest.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct ReasonArgs {
	/// The revocation decision document, hashed here with SHA-256.
	#[arg(long)]
	reason_file: Option<PathBuf>,
	/// Digest of the revocation decision, 64 hex digits.
	#[arg(long)]
	reason_digest: Option<String>,
}

fn file_or_digest(
	what: &str,
	file: Option<&Path>,
	digest: Option<&str>,
) -> Result<Option<Digest>, ClientError> {
	match (file, digest) {
		(Some(path), _) => Ok(Some(files::hash_file(HashAlgo::Sha256, path)?)),
		(None, Some(hex)) => Ok(Some(parse_digest(what, hex)?)),
		(None, None) => Ok(None),
	}
}

impl ApplicationArgs {
	fn fields(&self) -> Result<ApplicationFields, ClientError> {
		Ok(ApplicationFields {
			name: self.name.clone(),
			category: self.category,
			source_type: self
				.source
				.as_deref()
				.map(|s| parse_named::<DataSourceType>("source", s))
				.transpose()?,
			source_evidence: self.source_evidence.as_deref().map(parse_evidence_ref).transpose()?.map(Some),
			holder_type: self
				.holder_type
				.as_deref()
				.map(|s| parse_named::<HolderType>("holder type", s))
				.transpose()?,
			scale: self.scale.clone(),
			format: self.format.clone(),
			update_frequency: self
				.update_frequency
				.as_deref()
				.map(|s| parse_named::<UpdateFrequency>("update frequency", s))
				.transpose()?,
			structure_digest: file_or_digest(
				"--structure-digest",
				self.structure_file.as_deref(),
				self.structure_digest.as_deref(),
			)?,
			sample_digest: file_or_digest(
				"--sample-digest",
				self.sample_file.as_deref(),
				self.sample_digest.as_deref(),
			)?,
			rules_digest: file_or_digest(
				"--rules-digest",
				self.rules_file.as_deref(),
				self.rules_digest.as_deref(),
			)?,
			row_root: self
				.row_root
				.as_deref()
				.map(|hex| parse_digest("--row-root", hex))
				.transpose()?
				.map(Some),
			evidence: if self.evidence.is_empty() {
				None
			} else {
				Some(self.evidence.iter().map(|text| parse_evidence_ref(text)).collect::<Result<_, _>>()?)
			},
		})
	}
}

impl OrderArgs {
	fn digest(&self) -> Result<Digest, ClientError> {
		file_or_digest("--order-digest", self.order_file.as_deref(), self.order_digest.as_deref())?
			.ok_or_else(|| ClientError::Input("give --order-file or --order-digest".into()))
	}
}

impl ReasonArgs {
	fn digest(&self) -> Result<Digest, ClientError> {
		file_or_digest("--reason-digest", self.reason_file.as_deref(), self.reason_digest.as_deref())?
			.ok_or_else(|| ClientError::Input("give --reason-file or --reason-digest".into()))
	}
}

pub(super) fn not_found(query: &AssetQuery) -> String {
	match query {
		AssetQuery::Id(id) => format!("no asset {id} on this chain"),
		other => format!("no asset has {other}"),
	}
}

pub(super) fn parse_at(at: Option<&str>) -> Result<Option<Hash>, ClientError> {
	at.map(|hex| parse_digest("--at block hash", hex).map(Hash::from)).transpose()
}

pub(super) fn signer(global: &Global) -> Result<Signer, ClientError> {
	Signer::from_suri_or_file(&global.suri)
}

pub(super) fn landed(included: &Included) -> String {
	format!("block #{} {:?} (finalized)", included.block_number, included.block_hash)
}

pub(super) fn date(millis: u64) -> String {
	format_millis_utc(millis)
}

pub(super) fn ss58(account: &AccountId) -> String {
	account.to_ss58check()
}

/// Prints a transaction's answer: as JSON, or as the text `describe` makes of it.
pub(super) fn report<T: serde::Serialize>(
	global: &Global,
	answer: &T,
	describe: impl FnOnce(&T) -> String,
) -> Outcome {
	if global.json {
		print_json(answer);
	} else {
		println!("{}", describe(answer));
	}
	Outcome::Done
}

pub async fn run_asset(global: &Global, command: AssetCommand) -> Result<Outcome, ClientError> {
	match command {
		AssetCommand::Apply { fields, holder } => {
			let signer = signer(global)?;
			let holder = match holder {
				Some(text) => parse_account(&text)?,
				None => signer.account(),
			};
			let application = fields.fields()?.into_new()?;
			let client = connect(global).await?;
			let applied = asset::apply(&client, &signer, holder, application).await?;
			Ok(report(global, &applied, |a| {
				format!(
					"applied: asset {} for {}, under public notice until {}\n  {}",
					a.asset,
					ss58(&a.holder),
					date(a.notice_until_ms),
					landed(&a.included)
				)
			}))
		}
		AssetCommand::Object { asset, evidence } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let evidence: EvidenceRef = parse_evidence_ref(&evidence)?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let objected = asset::object(&client, &signer, id, evidence).await?;
			Ok(report(global, &objected, |o| {
				format!(
					"objected to asset {} with {}; the registrar decides\n  {}",
					o.asset,
					o.evidence,
					landed(&o.included)
				)
			}))
		}
		AssetCommand::Resolve { asset, decision } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let upheld = decision.upheld && !decision.dismissed;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let resolved = asset::resolve_objection(&client, &signer, id, upheld).await?;
			Ok(report(global, &resolved, |r| {
				let what = if r.upheld {
					"objection upheld: the application is rejected"
				} else {
					"objection dismissed: the notice runs on"
				};
				format!("asset {}: {what}\n  {}", r.asset, landed(&r.included))
			}))
		}
		AssetCommand::Approve { asset } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let registered = asset::approve(&client, &signer, id).await?;
			Ok(report(global, &registered, |r| {
				let from = r.valid_from_ms.map(date).unwrap_or_else(|| "registration".into());
				format!(
					"registered asset {}\n  certificate   {}\n  registration  {}\n  valid         {} to {}\n  {}",
					r.asset,
					r.certificate_no,
					r.registration_no,
					from,
					date(r.valid_until_ms),
					landed(&r.included)
				)
			}))
		}
		AssetCommand::Withdraw { asset } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let done = asset::withdraw(&client, &signer, id).await?;
			Ok(report(global, &done, |d| format!("withdrew asset {}\n  {}", d.asset, landed(&d.included))))
		}
		AssetCommand::Change { asset, fields, no_source_evidence, no_row_root, clear_evidence } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let mut fields = fields.fields()?;
			if no_source_evidence {
				fields.source_evidence = Some(None);
			}
			if no_row_root {
				fields.row_root = Some(None);
			}
			if clear_evidence {
				fields.evidence = Some(Vec::new());
			}
			if fields.is_empty() {
				return Err(ClientError::Input(
					"nothing to change: give at least one field to change".into(),
				));
			}
			fields.validate_given()?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let changed = asset::change_fields(&client, &signer, id, fields).await?;
			Ok(report(global, &changed, |c| {
				format!(
					"changed asset {}: version {} in force\n  {}",
					c.asset,
					c.version,
					landed(&c.included)
				)
			}))
		}
		AssetCommand::Transfer { asset, to } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let to = parse_account(&to)?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let transferred = asset::transfer(&client, &signer, id, to).await?;
			Ok(report(global, &transferred, |t| {
				format!(
					"transferred asset {} from {} to {}\n  {}",
					t.asset,
					ss58(&t.from),
					ss58(&t.to),
					landed(&t.included)
				)
			}))
		}
		AssetCommand::License { asset, licensee, kind, scope, start, term } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let licensee = parse_account(&licensee)?;
			let kind = parse_named::<LicenceKind>("licence kind", &kind)?;
			let now = asset::now_ms();
			let start_ms = start.as_deref().map(parse_time_ms).transpose()?.unwrap_or(now);
			let end_ms = match (&term.end, term.days) {
				(Some(end), _) => parse_time_ms(end)?,
				(None, Some(days)) => days
					.checked_mul(MS_PER_DAY)
					.and_then(|term| start_ms.checked_add(term))
					.ok_or_else(|| ClientError::Input(format!("--days {days} is too long")))?,
				(None, None) => return Err(ClientError::Input("give --end or --days".into())),
			};
			let request = LicenceRequest { licensee, kind, scope, start_ms, end_ms };
			request.validate(now)?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let licensed = asset::license(&client, &signer, id, request).await?;
			Ok(report(global, &licensed, |l| {
				format!(
					"licence #{} of asset {}: {} to {}, {} to {}\n  {}",
					l.index,
					l.asset,
					l.kind,
					ss58(&l.licensee),
					date(l.start_ms),
					date(l.end_ms),
					landed(&l.included)
				)
			}))
		}
		AssetCommand::Renew { asset } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let renewed = asset::renew(&client, &signer, id).await?;
			Ok(report(global, &renewed, |r| {
				format!(
					"renewed asset {}: valid until {}\n  {}",
					r.asset,
					date(r.valid_until_ms),
					landed(&r.included)
				)
			}))
		}
		AssetCommand::Cancel { asset } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let done = asset::cancel(&client, &signer, id).await?;
			Ok(report(global, &done, |d| {
				format!("cancelled the registration of asset {}\n  {}", d.asset, landed(&d.included))
			}))
		}
		AssetCommand::Revoke { asset, reason } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let reason = reason.digest()?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let revoked = asset::revoke(&client, &signer, id, reason).await?;
			Ok(report(global, &revoked, |r| {
				format!(
					"revoked the registration of asset {} (decision {})\n  {}",
					r.asset,
					r.reason_digest,
					landed(&r.included)
				)
			}))
		}
		AssetCommand::Show { asset, at } => {
			let query = AssetQuery::parse(&asset)?;
			let at = parse_at(at.as_deref())?;
			let client = connect(global).await?;
			let view = asset::status(&client, &query, at).await?;
			if global.json {
				print_json(&view);
			}
			match view {
				Some(view) => {
					if !global.json {
						print_asset(&view);
					}
					Ok(Outcome::Done)
				}
				None => {
					if !global.json {
						println!("{}", not_found(&query));
					}
					Ok(Outcome::No)
				}
			}
		}
		AssetCommand::History { asset, at } => {
			let query = AssetQuery::parse(&asset)?;
			let at = parse_at(at.as_deref())?;
			let client = connect(global).await?;
			let id = match query {
				AssetQuery::Id(id) => Some(id),
				ref other => asset::status(&client, other, at).await?.map(|view| view.id),
			};
			let entries = match id {
				Some(id) => asset::history(&client, id, at).await?,
				None => None,
			};
			if global.json {
				print_json(&entries);
			}
			match entries {
				Some(entries) => {
					if !global.json {
						for entry in &entries {
							println!("{}", history_line(entry));
						}
					}
					Ok(Outcome::Done)
				}
				None => {
					if !global.json {
						println!("{}", not_found(&query));
					}
					Ok(Outcome::No)
				}
			}
		}
		AssetCommand::Certificate { number, at } => {
			let number = asset::parse_certificate_no(&number)?;
			let at = parse_at(at.as_deref())?;
			let client = connect(global).await?;
			let view = asset::certificate_status(&client, &number, at).await?;
			if global.json {
				print_json(&view);
			}
			match view {
				Some(view) => {
					if !global.json {
						print_certificate(&view);
					}
					Ok(if view.status == "valid" { Outcome::Done } else { Outcome::No })
				}
				None => {
					if !global.json {
						println!("certificate {number} was never issued on this chain");
					}
					Ok(Outcome::No)
				}
			}
		}
	}
}

pub async fn run_court(global: &Global, command: CourtCommand) -> Result<Outcome, ClientError> {
	match command {
		CourtCommand::Freeze { asset, order, until } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let order = order.digest()?;
			let until = until.as_deref().map(parse_time_ms).transpose()?;
			if let Some(until) = until {
				if until <= asset::now_ms() {
					return Err(ClientError::Input(format!(
						"--until {} is in the past; a freeze must end in the future",
						date(until)
					)));
				}
			}
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let frozen = asset::freeze(&client, &signer, id, order, until).await?;
			Ok(report(global, &frozen, |f| {
				let until = f.until_ms.map(date).unwrap_or_else(|| "lifted".into());
				format!(
					"froze asset {} under order {} until {until}\n  {}",
					f.asset,
					f.order_digest,
					landed(&f.included)
				)
			}))
		}
		CourtCommand::Unfreeze { asset, order } => {
			let signer = signer(global)?;
			let query = AssetQuery::parse(&asset)?;
			let order = order.digest()?;
			let client = connect(global).await?;
			let id = asset::resolve_id(&client, &query).await?;
			let unfrozen = asset::unfreeze(&client, &signer, id, order).await?;
			Ok(report(global, &unfrozen, |u| {
				format!(
					"lifted the freeze on asset {} under order {}\n  {}",
					u.asset,
					u.order_digest,
					landed(&u.included)
				)
			}))
		}
	}
}

fn at_line(at: &AtView, evaluated_at: u64) -> String {
	format!(
		"block #{} {} ({}), evaluated at {}",
		at.number,
		at.hash,
		if at.finalized { "finalized" } else { "not finalized yet" },
		date(evaluated_at)
	)
}

fn print_asset(view: &AssetStatusView) {
	let app = &view.application;
	println!("asset {}: {}{}", view.id, view.status, if view.frozen { " (FROZEN)" } else { "" });
	println!("  name          {} (category {})", app.name, app.category);
	println!("  holder        {}", view.holder);
	if let Some(until) = view.notice_until {
		println!("  notice until  {}", date(until));
	}
	if let Some(objector) = &view.objector {
		println!("  objection by  {objector}");
	}
	if let Some(number) = &view.certificate_no {
		println!("  certificate   {number}");
	}
	if let Some(number) = &view.registration_no {
		println!("  registration  {number}");
	}
	if let (Some(from), Some(until)) = (view.valid_from, view.valid_until) {
		println!("  valid         {} to {}", date(from), date(until));
	}
	if let Some(reason) = &view.revocation_reason {
		println!("  revoked       decision {reason}");
	}
	match (&view.freeze, view.frozen) {
		(Some(freeze), frozen) => println!(
			"  frozen        {} by court {} since {}, {}, order {}",
			if frozen { "yes" } else { "no (the order has lapsed)" },
			freeze.court,
			date(freeze.since),
			freeze
				.until
				.map(|until| format!("until {}", date(until)))
				.unwrap_or_else(|| "until lifted".into()),
			freeze.order_digest
		),
		(None, _) => println!("  frozen        no"),
	}
	if view.licences.is_empty() {
		println!("  licences      none");
	} else {
		println!("  licences      {}", view.licences.len());
		for (index, licence) in view.licences.iter().enumerate() {
			println!(
				"    #{index} {} to {}, {} to {}{}, scope \"{}\"",
				licence.kind,
				licence.licensee,
				date(licence.start),
				date(licence.end),
				if licence.active { " (active)" } else { "" },
				licence.scope
			);
		}
	}
	println!(
		"  data          source {}, holder type {}, updated {}",
		app.source_type, app.holder_type, app.update_frequency
	);
	println!("  scale         {}", app.scale);
	println!("  format        {}", app.format);
	println!("  structure     {}", app.structure_digest);
	println!("  sample        {}", app.sample_digest);
	println!("  rules         {}", app.rules_digest);
	if let Some(root) = &app.row_root {
		println!("  row root      {root}");
	}
	if let Some(source) = &app.source_evidence {
		println!("  source proof  {}:{}", source.algo, source.digest);
	}
	for evidence in &app.evidence {
		println!("  evidence      {}:{}", evidence.algo, evidence.digest);
	}
	println!("  version       {}", view.version);
	println!("  applied       {}", date(view.applied_at));
	println!("  history       {} entries", view.history_length);
	println!("  as of         {}", at_line(&view.at, view.evaluated_at));
}

fn print_certificate(view: &CertificateStatusView) {
	println!("certificate {}: {}", view.certificate_no, view.status);
	println!("  asset         {}", view.asset);
	println!("  holder        {}", view.holder);
	println!("  registration  {}", view.registration_no);
	println!("  valid         {} to {}", date(view.valid_from), date(view.valid_until));
	println!("  frozen        {}", if view.frozen { "yes" } else { "no" });
	println!("  as of         {}", at_line(&view.at, view.evaluated_at));
}

fn history_line(entry: &HistoryEntryView) -> String {
	let details: Vec<String> = entry
		.details
		.iter()
		.map(|(name, value)| match (name.as_str(), value.parse::<u64>()) {
			("validUntil" | "until", Ok(millis)) => format!("{name}={}", date(millis)),
			_ => format!("{name}={value}"),
		})
		.collect();
	history_entry_line(entry, &details)
}

/// One history entry as a line: index, block, time, action, signer, then `details` already formatted.
pub(super) fn history_entry_line(entry: &HistoryEntryView, details: &[String]) -> String {
	format!(
		"{:>4}  #{:<8} {}  {:<20} by {}{}{}",
		entry.index,
		entry.block_number,
		date(entry.at),
		entry.action,
		entry.actor,
		if details.is_empty() { "" } else { "  " },
		details.join(" ")
	)
}
