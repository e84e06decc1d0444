//! Where each entry of a cache file is, with its body and its originals: the index a load finds
//! its files in, made in one pass over the section of entries, which is then let go and read
//! again a chunk of files at a time. Held to the end of the load, the entries and an index of
//! them (8.6 MB for the generated corpus) sat beside every article the interface had loaded.

use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::OnceLock;

use foldhash::HashMap;

use super::{Entry, Reader, count_entries, next_entry};

/// Where one entry starts in the section of entries, its body in the bodies and its originals
/// in the originals.
#[derive(Debug, Clone, Copy, Default)]
struct Start {
    entry: u32,
    originals: u32,
    body: u64,
}

/// Where each entry of a section of entries is, in order, and a hash of its identity.
#[derive(Debug, Default)]
pub struct Places {
    /// One for each entry, and one more for where the last ends.
    starts: Vec<Start>,
    /// A guess is checked against the hash, without the entry (which is read to be sure).
    hashes: Vec<u64>,
    /// Each position by its hash, made when a guess first misses (a folder loaded as it was
    /// stored never needs it).
    positions: OnceLock<HashMap<u64, u32>>,
}

/// A hash of an identity, the same in every run of one build.
pub fn hash_of(identity: &str) -> u64 {
    foldhash::fast::FixedState::with_seed(0).hash_one(identity)
}

impl Places {
    /// The places of the entries of a checked section of entries, given the lengths of the
    /// sections of bodies and originals. `None` when any entry is malformed, or the bodies or
    /// originals they count do not add up to them.
    pub fn new(entries: &[u8], bodies_length: usize, originals_length: usize) -> Option<Places> {
        let count = count_entries(entries)?;
        let mut places = Places {
            starts: Vec::with_capacity(count + 1),
            hashes: Vec::with_capacity(count),
            positions: OnceLock::new(),
        };
        let mut reader = Reader { bytes: entries };
        let (mut bodies, mut originals) = (0usize, 0usize);
        let start = |at: usize, bodies: usize, originals: usize| {
            Some(Start {
                entry: u32::try_from(at).ok()?,
                originals: u32::try_from(originals).ok()?,
                body: bodies as u64,
            })
        };
        while !reader.bytes.is_empty() {
            let at = entries.len() - reader.bytes.len();
            places.starts.push(start(at, bodies, originals)?);
            let entry = next_entry(&mut reader, bodies, originals, false)?;
            places.hashes.push(hash_of(entry.key.identity));
            bodies = entry.body.end;
            originals = entry.originals.end;
        }
        places.starts.push(start(entries.len(), bodies, originals)?);
        (bodies == bodies_length && originals == originals_length).then_some(places)
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Where the entry of `identity` may be, looked for first at `guess`: a load asks for the
    /// files in the order the cache file holds them, most often. Only a hash is compared: the
    /// entry itself says whether it is the one.
    pub fn position_of(&self, identity: &str, guess: usize) -> Option<usize> {
        let hash = hash_of(identity);
        if self.hashes.get(guess) == Some(&hash) {
            return Some(guess);
        }
        let positions = self.positions.get_or_init(|| {
            // An identity stored twice (a careless writer's) is found at its last entry.
            (self.hashes.iter().enumerate())
                .map(|(position, &hash)| (hash, position as u32))
                .collect()
        });
        positions.get(&hash).map(|&position| position as usize)
    }

    fn around(&self, position: usize) -> Option<(Start, Start)> {
        Some((*self.starts.get(position)?, *self.starts.get(position + 1)?))
    }

    /// Where entry `position` is in the section of entries.
    pub fn entry(&self, position: usize) -> Option<Range<usize>> {
        let (start, end) = self.around(position)?;
        Some(start.entry as usize..end.entry as usize)
    }

    /// Where the body of entry `position` is in the section of bodies.
    pub fn body(&self, position: usize) -> Option<Range<usize>> {
        let (start, end) = self.around(position)?;
        Some(start.body as usize..end.body as usize)
    }

    /// Where the originals of entry `position` are in the section of originals.
    pub fn originals(&self, position: usize) -> Option<Range<usize>> {
        let (start, end) = self.around(position)?;
        Some(start.originals as usize..end.originals as usize)
    }

    /// Entry `position`, from `bytes`, which hold the section of entries from `offset` on (the
    /// part a chunk of files needs); `None` when it is not all there, or not what the section
    /// held when the places were made.
    pub fn read<'a>(&self, bytes: &'a [u8], offset: usize, position: usize) -> Option<Entry<'a>> {
        let range = self.entry(position)?;
        let (start, _) = self.around(position)?;
        let mut reader = Reader {
            bytes: bytes.get(range.start.checked_sub(offset)?..range.end.checked_sub(offset)?)?,
        };
        let entry = next_entry(
            &mut reader,
            start.body as usize,
            start.originals as usize,
            true,
        )?;
        let where_said = entry.body == self.body(position)?
            && entry.originals == self.originals(position)?
            && hash_of(entry.key.identity) == self.hashes[position];
        where_said.then_some(entry)
    }
}
