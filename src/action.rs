//! Every intent a person can express, whatever key or signal carried it.
//!
//! The keymap turns keys into these; `State::update` is the only thing that acts on them. The
//! variant names are also the names shown in the help overlay's table.

/// One user intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave folio, saving the reading position.
    Quit,
    /// Stop folio and return to the shell (Ctrl-z); `fg` brings it back.
    Suspend,
    /// Show or hide the list of keys.
    ToggleHelp,
    /// Move focus to the other pane.
    SwitchFocus,
    /// Move focus to the document list.
    FocusList,
    /// Select the next article in the list.
    SelectNext,
    /// Select the previous article in the list.
    SelectPrevious,
    /// Select the first article.
    SelectFirst,
    /// Select the last article.
    SelectLast,
    /// Move the list selection a page down.
    SelectPageDown,
    /// Move the list selection a page up.
    SelectPageUp,
    /// Move the list selection half a page down.
    SelectHalfPageDown,
    /// Move the list selection half a page up.
    SelectHalfPageUp,
    /// Open the selected article in the reader and focus it (on a folder: open or close it).
    OpenSelected,
    /// Show or hide the outline of the article: its headings.
    ToggleOutline,
    /// Select the next heading in the outline.
    OutlineNext,
    /// Select the previous heading in the outline.
    OutlinePrevious,
    /// Go to the selected heading, with the passage cursor on it.
    JumpToHeading,
    /// Close the selected folder, or the selected article's folder.
    CloseFolder,
    /// Mark the selected article read, or unread when it is read.
    ToggleRead,
    /// Show only unread and in-progress articles, or every article again.
    ToggleUnfinishedOnly,
    /// Sort the list the next way: path, date, title, recently read.
    NextSort,
    /// Group the list by folder, or show it flat.
    ToggleGrouping,
    /// Scroll the reader one line down.
    ScrollDown,
    /// Scroll the reader one line up.
    ScrollUp,
    /// Scroll the reader a page down.
    PageDown,
    /// Scroll the reader a page up.
    PageUp,
    /// Scroll the reader half a page down.
    HalfPageDown,
    /// Scroll the reader half a page up.
    HalfPageUp,
    /// Go to the top of the article.
    Top,
    /// Go to the bottom of the article.
    Bottom,
    /// Open the next article in the list.
    NextArticle,
    /// Open the previous article in the list.
    PreviousArticle,
    /// Show the open file as it is in the reader, or the cleaned article again.
    ToggleRaw,
    /// Make the reading column narrower.
    NarrowColumn,
    /// Make the reading column wider.
    WidenColumn,
    /// Scroll the help overlay down.
    HelpDown,
    /// Scroll the help overlay up.
    HelpUp,
    /// Scroll the help overlay a page down.
    HelpPageDown,
    /// Scroll the help overlay a page up.
    HelpPageUp,
    /// The start of the help.
    HelpTop,
    /// The end of the help.
    HelpBottom,
    /// Search: the article's text in the reader, every article in the list.
    StartSearch,
    /// Go to the next match of the search.
    NextMatch,
    /// Go to the previous match of the search.
    PreviousMatch,
    /// Show the whole list again after a search narrowed it.
    ClearFilter,
    /// Type a character into the query line.
    PromptChar(char),
    /// Delete the character before the cursor in the query line.
    PromptBackspace,
    /// Delete the character under the cursor in the query line.
    PromptDelete,
    /// Delete the word before the cursor in the query line.
    PromptDeleteWord,
    /// Delete everything before the cursor in the query line.
    PromptClear,
    /// Move the cursor of the query line a character left.
    PromptLeft,
    /// Move the cursor of the query line a character right.
    PromptRight,
    /// Move the cursor of the query line a word left.
    PromptWordLeft,
    /// Move the cursor of the query line a word right.
    PromptWordRight,
    /// Move the cursor to the start of the query line.
    PromptHome,
    /// Move the cursor to the end of the query line.
    PromptEnd,
    /// Accept the query line.
    PromptSubmit,
    /// Close the query line and go back to where things were.
    PromptCancel,
    /// Let a search across the articles that is under way do a bounded amount of work.
    SearchStep,
    /// Move the passage cursor to the next passage.
    NextPassage,
    /// Move the passage cursor to the previous passage.
    PreviousPassage,
    /// Start (or drop) a selection of passages at the cursor.
    ToggleSelection,
    /// Drop the selection.
    ClearSelection,
    /// Bookmark the passage (or selection) with a note; on a bookmarked passage, edit or remove it.
    Bookmark,
    /// Copy the passage (or selection) to the clipboard of the terminal you sit at.
    CopyPassage,
    /// Open a link of the passage (or selection); of several, ask which.
    OpenLink,
    /// Open or close the bookmarks view.
    ToggleBookmarks,
    /// Select the next bookmark in the bookmarks view.
    BookmarkNext,
    /// Select the previous bookmark in the bookmarks view.
    BookmarkPrevious,
    /// Go to the selected bookmark's passage.
    JumpToBookmark,
    /// Edit the selected bookmark's note.
    EditBookmarkNote,
    /// Delete the selected bookmark.
    DeleteBookmark,
    /// Bring back the bookmark deleted last (while the view is open).
    UndoDelete,
    /// In a bookmark's note line: remove the bookmark.
    PromptRemoveBookmark,
    /// Open a line for a web page's address, to save it into the library.
    AddPage,
    /// The terminal changed size.
    Resize { width: u16, height: u16 },
    /// The mouse wheel turned over a cell (with `--mouse`).
    Wheel { column: u16, row: u16, down: bool },
    /// A mouse click on a cell (with `--mouse`).
    Click { column: u16, row: u16 },
}
