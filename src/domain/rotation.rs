//! The rotation of the cluster chair: every member chairs once before
//! anyone chairs twice. A break is allowed, but worth pointing out.

use std::collections::HashSet;

/// Members (in their listed order) who have not chaired in any year given.
pub fn not_yet_chaired(members: &[i32], chairs: &[(i32, i32)]) -> Vec<i32> {
    let chaired: HashSet<i32> = chairs.iter().map(|&(_, unit)| unit).collect();
    members
        .iter()
        .copied()
        .filter(|unit| !chaired.contains(unit))
        .collect()
}

/// Years whose chair had already chaired while some current member had not.
/// `chairs` is (year, unit) in any order.
pub fn rotation_breaks(members: &[i32], chairs: &[(i32, i32)]) -> Vec<i32> {
    let mut ordered = chairs.to_vec();
    ordered.sort();
    let mut chaired = HashSet::new();
    let mut breaks = Vec::new();
    for (year, unit) in ordered {
        let someone_waiting = members.iter().any(|m| *m != unit && !chaired.contains(m));
        if chaired.contains(&unit) && someone_waiting {
            breaks.push(year);
        }
        // A full round resets the count: once everyone has chaired, the
        // next round starts empty.
        chaired.insert(unit);
        if members.iter().all(|m| chaired.contains(m)) {
            chaired.clear();
        }
    }
    breaks
}

/// Who would chair after the latest year in `chairs`, by rotation: the
/// latest vice chair when they have not chaired in the current round (the
/// usual handover), else the first member in listed order who has not.
/// None when there are no members.
pub fn next_in_rotation(
    members: &[i32],
    chairs: &[(i32, i32)],
    latest_vice: Option<i32>,
) -> Option<i32> {
    let mut ordered = chairs.to_vec();
    ordered.sort();
    // The units that chaired in the round still going on.
    let mut round: HashSet<i32> = HashSet::new();
    for (_, unit) in ordered {
        round.insert(unit);
        if members.iter().all(|m| round.contains(m)) {
            round.clear();
        }
    }
    if let Some(vice) = latest_vice.filter(|v| members.contains(v) && !round.contains(v)) {
        return Some(vice);
    }
    members.iter().copied().find(|m| !round.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_members_who_have_not_chaired() {
        assert_eq!(not_yet_chaired(&[1, 2, 3], &[(2021, 2)]), vec![1, 3]);
    }

    #[test]
    fn next_by_rotation_prefers_the_vice_chair_then_the_listed_order() {
        assert_eq!(next_in_rotation(&[1, 2, 3], &[(2021, 1)], Some(3)), Some(3));
        assert_eq!(next_in_rotation(&[1, 2, 3], &[(2021, 1)], None), Some(2));
        // A vice chair who already chaired this round is passed over.
        assert_eq!(
            next_in_rotation(&[1, 2, 3], &[(2021, 1), (2022, 2)], Some(1)),
            Some(3)
        );
        // After a full round, the next starts from the top of the list.
        assert_eq!(
            next_in_rotation(&[1, 2], &[(2021, 2), (2022, 1)], None),
            Some(1)
        );
        assert_eq!(next_in_rotation(&[], &[(2021, 2)], None), None);
    }

    #[test]
    fn a_second_term_before_everyone_has_chaired_is_a_break() {
        assert_eq!(
            rotation_breaks(&[1, 2, 3], &[(2020, 1), (2021, 1)]),
            vec![2021]
        );
        assert!(
            rotation_breaks(&[1, 2, 3], &[(2020, 1), (2021, 2), (2022, 3), (2023, 1)]).is_empty()
        );
    }
}
