//! Documents as a Word file (.docx) in the layout of Decree 30/2020/NĐ-CP:
//! A4 portrait, margins 20 mm top and bottom, 30 mm left, 15 mm right;
//! Times New Roman 14 pt body, justified with a 1 cm first-line indent;
//! page numbers centred in the top margin from page 2; ruled tables whose
//! rows never split, with columns sized to their content.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Header, LineSpacing, PageMargin, PageNum,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, Run, RunFonts, SpecialIndentType, Table,
    TableCell, TableLayoutType, TableRow, WidthType,
};

use super::layout::{Align, Block, Document, LINE_CHARS, Signature};

/// A4 in twentieths of a point.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN_TOP: i32 = 1134;
const MARGIN_BOTTOM: i32 = 1134;
const MARGIN_LEFT: i32 = 1701;
const MARGIN_RIGHT: i32 = 850;
/// The width of the text between the margins.
const TEXT_WIDTH: usize = (PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
const FIRST_LINE_INDENT: i32 = 567;
const FONT: &str = "Times New Roman";

/// Sizes in half-points, as Word counts them.
const BODY: usize = 28;
const TABLE: usize = 26;

pub fn write(documents: &[Document]) -> Result<Vec<u8>, String> {
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(PageMargin {
            top: MARGIN_TOP,
            left: MARGIN_LEFT,
            bottom: MARGIN_BOTTOM,
            right: MARGIN_RIGHT,
            header: 567,
            footer: 567,
            gutter: 0,
        })
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(BODY)
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new())
                    .size(26),
            ),
        )
        .first_header(Header::new());
    for (i, document) in documents.iter().enumerate() {
        if i > 0 {
            docx =
                docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        }
        docx = add_document(docx, document);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

fn add_document(mut docx: Docx, d: &Document) -> Docx {
    docx = docx.add_table(motto_block(d));
    docx = docx.add_paragraph(spacer());
    docx = docx.add_paragraph(centred(d.title, BODY, Style::Bold).line_spacing(spacing(240, 0)));
    for line in &d.subject {
        docx = docx.add_paragraph(centred(line, BODY, Style::Bold));
    }
    docx = docx.add_paragraph(rule(3600));
    let last_text = d
        .blocks
        .iter()
        .rposition(|b| matches!(b, Block::Paragraph(_) | Block::Bullets(_)));
    for (i, block) in d.blocks.iter().enumerate() {
        // The last paragraph keeps with the signature block after it.
        let keep = Some(i) == last_text;
        match block {
            Block::Heading(text) => {
                docx = docx.add_paragraph(body(text, Style::Bold).keep_next(true).keep_lines(true));
            }
            Block::Paragraph(text) => {
                docx = docx.add_paragraph(body(text, Style::Plain).keep_next(keep));
            }
            Block::Bullets(items) => {
                for item in items {
                    docx = docx
                        .add_paragraph(body(&format!("- {item}"), Style::Plain).keep_next(keep));
                }
            }
            Block::Table(t) => {
                docx = docx.add_paragraph(
                    centred(&t.title, BODY, Style::Bold)
                        .keep_next(true)
                        .line_spacing(spacing(120, 40)),
                );
                if let Some(m) = &t.measure {
                    docx = docx.add_paragraph(
                        aligned(m, TABLE, Style::Italic, AlignmentType::Right).keep_next(true),
                    );
                }
                docx = docx.add_table(ruled_table(t));
                docx = docx.add_paragraph(Paragraph::new().size(12));
            }
        }
    }
    docx.add_table(closing_block(d))
}

#[derive(Clone, Copy)]
enum Style {
    Plain,
    Bold,
    Italic,
    BoldItalic,
}

fn run(text: &str, size: usize, style: Style) -> Run {
    let run = Run::new().add_text(text).size(size);
    match style {
        Style::Plain => run,
        Style::Bold => run.bold(),
        Style::Italic => run.italic(),
        Style::BoldItalic => run.bold().italic(),
    }
}

fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new().before(before).after(after)
}

/// Body text: justified, first line indented 1 cm, 6 pt after.
fn body(text: &str, style: Style) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY, style))
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(FIRST_LINE_INDENT)),
            None,
            None,
        )
        .line_spacing(spacing(0, 120))
        .widow_control(true)
}

fn aligned(text: &str, size: usize, style: Style, align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, size, style))
        .align(align)
        .line_spacing(spacing(0, 0))
}

fn centred(text: &str, size: usize, style: Style) -> Paragraph {
    aligned(text, size, style, AlignmentType::Center)
}

fn spacer() -> Paragraph {
    Paragraph::new().size(12)
}

/// A short centred line under a heading: an empty paragraph with a bottom
/// border, narrowed by indents to `width` twentieths of a point of the
/// cell or page it sits in.
fn rule_in(width: i32, space: i32) -> Paragraph {
    let side = ((space - width) / 2).max(0);
    let mut p = Paragraph::new()
        .size(4)
        .indent(Some(side), None, Some(side), None)
        .line_spacing(spacing(0, 80));
    p.property = p.property.set_border(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(6)
            .color("000000"),
    );
    p
}

fn rule(width: i32) -> Paragraph {
    rule_in(width, TEXT_WIDTH as i32)
}

/// A table without borders, for the blocks laid out side by side.
fn layout_table(columns: &[usize], cells: Vec<TableCell>) -> Table {
    Table::without_borders(vec![TableRow::new(cells).cant_split()])
        .set_grid(columns.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// The issuer on the left, the national motto on the right, with their
/// rules, the number line and the place and date.
fn motto_block(d: &Document) -> Table {
    let left = TEXT_WIDTH * 2 / 5;
    let right = TEXT_WIDTH - left;
    let issuer = TableCell::new()
        .width(left, WidthType::Dxa)
        .add_paragraph(centred(&d.issuer_parent, 26, Style::Plain))
        .add_paragraph(centred(&d.issuer, 26, Style::Bold))
        .add_paragraph(rule_in(1200, left as i32))
        .add_paragraph(centred(&d.number, 26, Style::Plain));
    let mut nation = TableCell::new()
        .width(right, WidthType::Dxa)
        .add_paragraph(centred(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            25,
            Style::Bold,
        ))
        .add_paragraph(centred("Độc lập - Tự do - Hạnh phúc", 27, Style::Bold))
        .add_paragraph(rule_in(3300, right as i32));
    if !d.place_date.is_empty() {
        nation = nation.add_paragraph(centred(&d.place_date, BODY, Style::Italic));
    }
    layout_table(&[left, right], vec![issuer, nation])
}

fn ruled_table(t: &super::layout::Table) -> Table {
    let widths: Vec<usize> = t
        .shares(LINE_CHARS)
        .into_iter()
        .map(|share| TEXT_WIDTH * share / 1000)
        .collect();
    let cell = |text: &str, width: usize, align: AlignmentType, style: Style| {
        TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(aligned(text, TABLE, style, align))
    };
    let header = TableRow::new(
        t.columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                // The header row keeps with the first row below it.
                TableCell::new().width(*w, WidthType::Dxa).add_paragraph(
                    aligned(c.header, TABLE, Style::Bold, AlignmentType::Center).keep_next(true),
                )
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for row in &t.rows {
        rows.push(
            TableRow::new(
                row.iter()
                    .zip(&t.columns)
                    .zip(&widths)
                    .map(|((text, c), w)| cell(text, *w, alignment(c.align), Style::Plain))
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// "Nơi nhận" on the left and the signature on the right; or, with two
/// signatures and no recipients (minutes), the two signatures.
fn closing_block(d: &Document) -> Table {
    let mut cells = Vec::new();
    let mut columns = Vec::new();
    let signature_count = d.signatures.len().max(1);
    let recipients_width = if d.recipients.is_empty() {
        0
    } else {
        TEXT_WIDTH / 2
    };
    if !d.recipients.is_empty() {
        let mut cell = TableCell::new()
            .width(recipients_width, WidthType::Dxa)
            .add_paragraph(
                aligned("Nơi nhận:", 24, Style::BoldItalic, AlignmentType::Left).keep_next(true),
            );
        for line in &d.recipients {
            cell = cell.add_paragraph(
                aligned(&format!("- {line}"), 22, Style::Plain, AlignmentType::Left)
                    .keep_next(true),
            );
        }
        cells.push(cell);
        columns.push(recipients_width);
    }
    let width = (TEXT_WIDTH - recipients_width) / signature_count;
    for s in &d.signatures {
        cells.push(signature_cell(s, width));
        columns.push(width);
    }
    layout_table(&columns, cells)
}

fn signature_cell(s: &Signature, width: usize) -> TableCell {
    let mut cell = TableCell::new().width(width, WidthType::Dxa);
    for role in &s.roles {
        cell = cell.add_paragraph(centred(role, 26, Style::Bold).keep_next(true));
    }
    if let Some(unit) = &s.unit {
        cell = cell.add_paragraph(centred(unit, 26, Style::Italic).keep_next(true));
    }
    // Room for the signature and seal.
    for _ in 0..4 {
        cell = cell.add_paragraph(Paragraph::new().keep_next(true));
    }
    if let Some(name) = &s.name {
        cell = cell.add_paragraph(centred(name, BODY, Style::Bold));
    }
    cell
}
