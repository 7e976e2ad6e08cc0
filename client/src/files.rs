//! Hashing local files and expanding directories into file lists.

use crate::error::ClientError;
use iprchain_primitives::{hashing::StreamHasher, Digest, HashAlgo};
use std::{
	io::Read,
	path::{Path, PathBuf},
};

/// Digest of the file at `path`, read in 1 MiB chunks so large files need little memory.
pub fn hash_file(algo: HashAlgo, path: &Path) -> Result<Digest, ClientError> {
	hash_file_with(algo, path, &mut vec![0u8; READ_CHUNK])
}

/// How much of a file is read at a time.
const READ_CHUNK: usize = 1 << 20;

/// Files per round of [`hash_files`]: progress is reported after each round.
const HASH_ROUND: usize = 1024;

/// [`hash_file`] reading through `buffer`, so that hashing many files allocates it once.
fn hash_file_with(algo: HashAlgo, path: &Path, buffer: &mut [u8]) -> Result<Digest, ClientError> {
	let io_error = |source| ClientError::Io { path: path.display().to_string(), source };
	let mut file = std::fs::File::open(path).map_err(io_error)?;
	let mut hasher = StreamHasher::new(algo);
	loop {
		let read = file.read(buffer).map_err(io_error)?;
		if read == 0 {
			break;
		}
		hasher.update(&buffer[..read]);
	}
	Ok(hasher.finalize())
}

/// Digests of `paths`, in their order, hashed on every available core. `progress` is called once per
/// file hashed (a round of files at a time). The first failing file, in order, is the error.
pub fn hash_files(
	algo: HashAlgo,
	paths: &[PathBuf],
	mut progress: impl FnMut(),
) -> Result<Vec<Digest>, ClientError> {
	let mut digests = Vec::with_capacity(paths.len());
	for round in paths.chunks(HASH_ROUND) {
		let hashed = on_all_cores(round, |share| {
			let mut buffer = vec![0u8; READ_CHUNK];
			share.iter().map(|path| hash_file_with(algo, path, &mut buffer)).collect::<Vec<_>>()
		});
		for digest in hashed {
			digests.push(digest?);
			progress();
		}
	}
	Ok(digests)
}

/// Applies `work` to consecutive shares of `items`, one share per available core, and returns the
/// results in the items' order. Small inputs stay on the calling thread.
pub fn on_all_cores<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
	let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
	if cores == 1 || items.len() < 64 {
		return work(items);
	}
	let share = items.len().div_ceil(cores);
	std::thread::scope(|scope| {
		let handles: Vec<_> = items.chunks(share).map(|chunk| scope.spawn(|| work(chunk))).collect();
		handles.into_iter().flat_map(|handle| handle.join().expect("a hashing thread panicked")).collect()
	})
}

/// The files named by `inputs`: files as given, directories walked recursively in name order, so the
/// same directory always gives the same batch.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, ClientError> {
	let mut files = Vec::new();
	for input in inputs {
		let metadata = std::fs::metadata(input)
			.map_err(|source| ClientError::Io { path: input.display().to_string(), source })?;
		if metadata.is_dir() {
			walk(input, &mut files)?;
		} else {
			files.push(input.clone());
		}
	}
	Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), ClientError> {
	let io_error = |source| ClientError::Io { path: dir.display().to_string(), source };
	let mut entries = std::fs::read_dir(dir)
		.map_err(io_error)?
		.map(|entry| entry.map(|e| e.path()))
		.collect::<Result<Vec<_>, _>>()
		.map_err(io_error)?;
	entries.sort();
	for path in entries {
		if path.is_dir() {
			walk(&path, files)?;
		} else {
			files.push(path);
		}
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn hashes_files_and_walks_directories_in_order() {
		let dir = std::env::temp_dir().join(format!("iprchain-files-{}", std::process::id()));
		std::fs::create_dir_all(dir.join("sub")).unwrap();
		std::fs::write(dir.join("b.txt"), b"abc").unwrap();
		std::fs::write(dir.join("a.txt"), b"x").unwrap();
		std::fs::write(dir.join("sub/c.txt"), b"y").unwrap();
		let files = expand_inputs(std::slice::from_ref(&dir)).unwrap();
		let names: Vec<_> =
			files.iter().map(|p| p.strip_prefix(&dir).unwrap().to_str().unwrap().to_string()).collect();
		assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt"]);
		assert_eq!(hash_file(HashAlgo::Sha256, &dir.join("b.txt")).unwrap(), HashAlgo::Sha256.digest(b"abc"));
		let missing = hash_file(HashAlgo::Sha256, &dir.join("missing")).unwrap_err();
		assert!(missing.to_string().contains("missing"), "{missing}");
		std::fs::remove_dir_all(dir).unwrap();
	}

	#[test]
	fn hashes_many_files_on_all_cores_in_order() {
		let dir = std::env::temp_dir().join(format!("iprchain-many-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		// More than one round and more than one share per core, with a size that is not a multiple.
		let paths: Vec<PathBuf> = (0..2_500)
			.map(|i| {
				let path = dir.join(format!("{i:05}"));
				std::fs::write(&path, format!("item {i}")).unwrap();
				path
			})
			.collect();
		let mut reported = 0;
		let digests = hash_files(HashAlgo::Sha256, &paths, || reported += 1).unwrap();
		assert_eq!(reported, paths.len());
		for (i, digest) in digests.iter().enumerate() {
			assert_eq!(*digest, HashAlgo::Sha256.digest(format!("item {i}").as_bytes()), "item {i}");
		}
		// The first missing file in order is the one named, whichever thread met it.
		let mut broken = paths.clone();
		broken[1_800] = dir.join("gone-1800");
		broken[2_400] = dir.join("gone-2400");
		let error = hash_files(HashAlgo::Sha256, &broken, || {}).unwrap_err();
		assert!(error.to_string().contains("gone-1800"), "{error}");
		std::fs::remove_dir_all(dir).unwrap();
	}
}
