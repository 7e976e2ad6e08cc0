//! Runtime APIs the node and clients call.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	traits::Get,
};
use iprchain_primitives::{BatchAnchor, Digest, EvidenceRecord, HashAlgo};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use crate::{
	genesis_config_presets, AccountId, Aura, Block, BlockNumber, Executive, Grandpa, InherentDataExt, Nonce,
	Runtime, RuntimeGenesisConfig, SessionKeys, System, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<<Block as BlockT>::Hash, NumberFor<Block>>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Equivocations are handled by the consortium off chain; there is no stake to slash.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_evidence::runtime_api::EvidenceApi<Block, AccountId, BlockNumber> for Runtime {
		fn evidence(algo: HashAlgo, digest: Digest) -> Option<EvidenceRecord<AccountId, BlockNumber>> {
			pallet_evidence::Pallet::<Runtime>::evidence(algo, digest)
		}

		fn batch(algo: HashAlgo, root: Digest) -> Option<BatchAnchor<AccountId, BlockNumber>> {
			pallet_evidence::Pallet::<Runtime>::batch(algo, root)
		}
	}

	impl pallet_data_ip::runtime_api::DataIpApi<Block, AccountId, BlockNumber> for Runtime {
		fn asset(asset: u64, now_ms: Option<u64>) -> Option<pallet_data_ip::AssetInfo<AccountId>> {
			pallet_data_ip::Pallet::<Runtime>::asset_info(asset, now_ms)
		}

		fn asset_by_certificate(certificate_no: pallet_data_ip::CertificateNo) -> Option<u64> {
			pallet_data_ip::Pallet::<Runtime>::asset_of_certificate(certificate_no)
		}

		fn asset_by_registration(registration_no: pallet_data_ip::RegistrationNo) -> Option<u64> {
			pallet_data_ip::Pallet::<Runtime>::asset_of_registration(registration_no)
		}

		fn certificate(
			certificate_no: pallet_data_ip::CertificateNo,
			now_ms: Option<u64>,
		) -> Option<pallet_data_ip::CertificateInfo<AccountId, BlockNumber>> {
			pallet_data_ip::Pallet::<Runtime>::certificate_info(certificate_no, now_ms)
		}

		fn history(
			asset: u64,
			start: u32,
			limit: u32,
		) -> Option<(Vec<pallet_data_ip::HistoryEntry<AccountId, BlockNumber>>, u32)> {
			pallet_data_ip::Pallet::<Runtime>::history_page(asset, start, limit)
		}

		fn application_version(
			asset: u64,
			version: u32,
		) -> Option<pallet_data_ip::Application<Vec<u8>, Vec<pallet_data_ip::EvidenceRef>>> {
			pallet_data_ip::Pallet::<Runtime>::application_version(asset, version)
		}

		fn periods() -> pallet_data_ip::Periods {
			pallet_data_ip::ActivePeriods::<Runtime>::get()
		}
	}

	impl pallet_valuation::runtime_api::ValuationApi<Block, AccountId> for Runtime {
		fn valuations(asset: u64, start: u32, limit: u32) -> (Vec<pallet_valuation::Valuation<AccountId>>, u32) {
			pallet_valuation::Pallet::<Runtime>::valuations_page(asset, start, limit)
		}

		fn current(asset: u64, now_ms: Option<u64>) -> Option<(u32, pallet_valuation::Valuation<AccountId>)> {
			pallet_valuation::Pallet::<Runtime>::current_valuation(asset, now_ms)
		}
	}

	impl pallet_pledge::runtime_api::PledgeApi<Block, AccountId, BlockNumber> for Runtime {
		fn pledge(pledge: u64) -> Option<pallet_pledge::Pledge<AccountId>> {
			pallet_pledge::Pallet::<Runtime>::pledge(pledge)
		}

		fn pledge_state(pledge: u64, now_ms: Option<u64>) -> Option<pallet_pledge::PledgeState> {
			pallet_pledge::Pallet::<Runtime>::pledge_state(pledge, now_ms)
		}

		fn active_pledge(asset: u64, now_ms: Option<u64>) -> Option<(u64, pallet_pledge::Pledge<AccountId>)> {
			pallet_pledge::Pallet::<Runtime>::active_pledge(asset, now_ms)
		}

		fn pledges_of(asset: u64, start: u32, limit: u32) -> (Vec<(u64, pallet_pledge::Pledge<AccountId>)>, u32) {
			pallet_pledge::Pallet::<Runtime>::pledges_page(asset, start, limit)
		}

		fn pledge_history(pledge: u64) -> Vec<pallet_pledge::HistoryEntry<AccountId, BlockNumber>> {
			pallet_pledge::Pallet::<Runtime>::history(pledge)
		}

		fn enforcement_grace_ms() -> u64 {
			<Runtime as pallet_pledge::Config>::EnforcementGraceMs::get()
		}
	}

	impl crate::status_api::AssetStatusApi<Block, AccountId> for Runtime {
		fn asset_status(asset: u64, now_ms: Option<u64>) -> Option<crate::status_api::AssetStatusParts<AccountId>> {
			let info = pallet_data_ip::Pallet::<Runtime>::asset_info(asset, now_ms)?;
			// Everything is judged at the moment the asset was, as the separate calls were.
			let now = Some(info.evaluated_at_ms);
			Some(crate::status_api::AssetStatusParts {
				valuation: pallet_valuation::Pallet::<Runtime>::current_valuation(asset, now),
				pledge: pallet_pledge::Pallet::<Runtime>::active_pledge(asset, now),
				enforcement_grace_ms: <Runtime as pallet_pledge::Config>::EnforcementGraceMs::get(),
				policies: pallet_insurance::Pallet::<Runtime>::policies_of(iprchain_primitives::Subject::Asset(asset)),
				info,
			})
		}
	}

	impl pallet_insurance::runtime_api::InsuranceApi<Block, AccountId> for Runtime {
		fn policy(policy: u64) -> Option<pallet_insurance::PolicyInfo<AccountId>> {
			pallet_insurance::Pallet::<Runtime>::policy(policy)
		}

		fn policy_by_number(policy_no: Vec<u8>) -> Option<u64> {
			pallet_insurance::Pallet::<Runtime>::policy_by_number(policy_no)
		}

		fn policies_of(subject: iprchain_primitives::Subject) -> Vec<(u64, pallet_insurance::PolicyInfo<AccountId>)> {
			pallet_insurance::Pallet::<Runtime>::policies_of(subject)
		}

		fn claim(claim: u64) -> Option<pallet_insurance::Claim<AccountId>> {
			pallet_insurance::Pallet::<Runtime>::claim_record(claim)
		}

		fn claims_of(policy: u64) -> Vec<(u64, pallet_insurance::Claim<AccountId>)> {
			pallet_insurance::Pallet::<Runtime>::claims_of(policy)
		}

		fn now_ms() -> u64 {
			pallet_insurance::Pallet::<Runtime>::now_ms()
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}
}
