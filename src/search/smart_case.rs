//! Smart case: whether a query matches exactly or regardless of case, decided by whether the
//! person typed a capital letter.
//!
//! Pure; it only reads the query text or the parsed pattern.

use regex_syntax::ast::{self, Ast, ClassSetItem};

/// Whether literal text must match exactly: it has an upper-case letter (any script).
pub fn literal_is_exact(text: &str) -> bool {
    text.chars().any(char::is_uppercase)
}

/// Whether a regex must match exactly: a letter written literally in it (alone or in a class) is
/// upper case. Escapes such as `\S` or `\p{Lu}` are not letters the person typed.
pub fn pattern_is_exact(ast: &Ast) -> bool {
    // The visitor walks the tree with a heap stack, so a deeply nested pattern cannot overflow.
    let Ok(found) = ast::visit(ast, CapitalLiterals(false));
    found
}

struct CapitalLiterals(bool);

impl ast::Visitor for CapitalLiterals {
    type Output = bool;
    type Err = std::convert::Infallible;

    fn finish(self) -> Result<bool, Self::Err> {
        Ok(self.0)
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), Self::Err> {
        if let Ast::Literal(literal) = ast {
            self.0 |= literal.c.is_uppercase();
        }
        Ok(())
    }

    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), Self::Err> {
        match item {
            ClassSetItem::Literal(literal) => self.0 |= literal.c.is_uppercase(),
            ClassSetItem::Range(range) => {
                self.0 |= range.start.c.is_uppercase() || range.end.c.is_uppercase();
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(pattern: &str) -> bool {
        pattern_is_exact(&ast::parse::Parser::new().parse(pattern).unwrap())
    }

    #[test]
    fn any_capital_makes_literal_text_exact() {
        assert!(!literal_is_exact("japan 2018"));
        assert!(literal_is_exact("japAn"));
        assert!(literal_is_exact("ÉTUDE"));
        assert!(!literal_is_exact("étude ß"));
    }

    #[test]
    fn only_literal_letters_of_a_pattern_count() {
        for pattern in [
            r"\Sapan",
            r"\p{Lu}x",
            r"\bfoo\B",
            "(?P<Name>a)",
            "[[:upper:]]",
            r"\W\D",
        ] {
            assert!(!exact(pattern), "{pattern}");
        }
        // `(?i)X` counts as exact here; the inline flag still wins when the pattern is compiled.
        for pattern in ["Japan", "[A-Z]x", "[xY]", r"a|(b|C)", "(?i)X"] {
            assert!(exact(pattern), "{pattern}");
        }
    }
}
