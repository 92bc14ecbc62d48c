//! Splitting a long list into numbered pages ("Trang 2/7") for pages that
//! could otherwise grow without bound: a record's history, the country's
//! clusters, search results.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// 1-based, always within 1..=pages.
    pub page: usize,
    pub pages: usize,
    pub total: usize,
    pub per_page: usize,
    /// The page's own address with its other query parameters, ending in
    /// `?` or `&`, so that `{base}page=N` is the address of page N.
    pub base: String,
}

impl Paging {
    /// The page `requested` (text from the query) of `total` items. A
    /// page past the end shows the last; text that is not a number the
    /// first.
    pub fn new(total: usize, per_page: usize, requested: Option<&str>, base: String) -> Self {
        let per_page = per_page.max(1);
        let pages = total.div_ceil(per_page).max(1);
        let page = requested
            .and_then(|p| p.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, pages);
        Paging {
            page,
            pages,
            total,
            per_page,
            base,
        }
    }

    /// The items of this page.
    pub fn range(&self) -> Range<usize> {
        let start = (self.page - 1) * self.per_page;
        start.min(self.total)..(start + self.per_page).min(self.total)
    }

    pub fn is_split(&self) -> bool {
        self.pages > 1
    }

    pub fn previous(&self) -> Option<usize> {
        (self.page > 1).then(|| self.page - 1)
    }

    pub fn next(&self) -> Option<usize> {
        (self.page < self.pages).then(|| self.page + 1)
    }

    pub fn href(&self, page: &usize) -> String {
        format!("{}page={page}", self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_item_once_and_clamp_wild_requests() {
        let p = Paging::new(45, 20, Some("2"), "/x?".into());
        assert_eq!((p.page, p.pages, p.range()), (2, 3, 20..40));
        assert_eq!(
            Paging::new(45, 20, Some("3"), String::new()).range(),
            40..45
        );
        assert_eq!(Paging::new(45, 20, Some("99"), String::new()).page, 3);
        assert_eq!(Paging::new(45, 20, Some("abc"), String::new()).page, 1);
        assert_eq!(Paging::new(45, 20, Some("0"), String::new()).page, 1);
        let empty = Paging::new(0, 20, None, String::new());
        assert_eq!(
            (empty.pages, empty.range(), empty.is_split()),
            (1, 0..0, false)
        );
        assert_eq!(p.href(&3), "/x?page=3");
        assert_eq!((p.previous(), p.next()), (Some(1), Some(3)));
    }
}
