// SPDX-License-Identifier: GPL-3.0-or-later
// MarkdownRenderer: what members write, and what an attacker would write, as Qt rich text.
#include "app/markdown/markdown_renderer.h"

#include <QGuiApplication>
#include <QRegularExpression>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>

using namespace Qt::StringLiterals;
using hearth::app::MarkdownRenderer;
using hearth::app::MarkdownStyle;

namespace {

int countOf(const QString &html, QLatin1StringView what) {
    return static_cast<int>(html.count(what));
}

//! Every opening tag of `tag` has its closing tag.
bool balanced(const QString &html, const char *tag) {
    const QString name = QString::fromLatin1(tag);
    const QRegularExpression open(u"<%1[ >]"_s.arg(name));
    return html.count(open) == html.count(u"</%1>"_s.arg(name));
}

//! What Qt makes of `html`: every image it would load and every link target it would follow.
struct Parsed final {
    QStringList images;
    QStringList hrefs;
    QString plainText;
};

Parsed parseAsQtDoes(const QString &html) {
    QTextDocument document;
    document.setHtml(html);
    Parsed parsed;
    parsed.plainText = document.toPlainText();
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat format = fragment.charFormat();
            if (format.isImageFormat())
                parsed.images.push_back(format.toImageFormat().name());
            if (format.isAnchor())
                parsed.hrefs.push_back(format.anchorHref());
        }
    }
    return parsed;
}

} // namespace

class TestMarkdownRenderer final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emphasis_data();
    void emphasis();
    void plainParagraphHasNoTopMargin();
    void lineBreaksAsTyped();
    void inlineCode();
    void fencedCodeBlock();
    void codeBlockColoursFollowTheStyle();
    void lists();
    void blockQuote();
    void headingIsBold();
    void safeLinks_data();
    void safeLinks();
    void unsafeLinksStayText_data();
    void unsafeLinksStayText();
    void rawHtmlIsText_data();
    void rawHtmlIsText();
    void imagesAreNeverImages_data();
    void imagesAreNeverImages();
    void entities();
    void nestedEmphasisIsBalanced();
    void deepNestingIsFlattened();
    void hugeInputIsCut();
    void pathologicalInputs_data();
    void pathologicalInputs();
    void mentionsAreHighlighted_data();
    void mentionsAreHighlighted();
    void preview_data();
    void preview();
    void previewIsCut();
    void emojiUseTheColourFont();
    void qtSeesOnlySafeContent();
};

void TestMarkdownRenderer::emphasis_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bold") << u"**strong**"_s << u"<b>strong</b>"_s;
    QTest::newRow("bold underscores") << u"__strong__"_s << u"<b>strong</b>"_s;
    QTest::newRow("italics") << u"*soft*"_s << u"<i>soft</i>"_s;
    QTest::newRow("italics underscores") << u"_soft_"_s << u"<i>soft</i>"_s;
    QTest::newRow("strikethrough") << u"~~gone~~"_s << u"<s>gone</s>"_s;
    QTest::newRow("bold italics") << u"***both***"_s << u"<i><b>both</b></i>"_s;
    QTest::newRow("inside words") << u"un*frigging*believable"_s
                                  << u"un<i>frigging</i>believable"_s;
}

void TestMarkdownRenderer::emphasis() {
    QFETCH(QString, markdown);
    QFETCH(QString, expected);
    const QString html = MarkdownRenderer().toHtml(markdown);
    QVERIFY2(html.contains(expected), qPrintable(html));
}

void TestMarkdownRenderer::plainParagraphHasNoTopMargin() {
    const QString html = MarkdownRenderer().toHtml(u"hello\n\nworld"_s);
    QCOMPARE(html, u"<p style=\"margin-top:0px;margin-bottom:0px\">hello</p>"
                   "<p style=\"margin-top:6px;margin-bottom:0px\">world</p>"_s);
}

void TestMarkdownRenderer::lineBreaksAsTyped() {
    const QString html = MarkdownRenderer().toHtml(u"one\ntwo  \nthree"_s);
    QVERIFY2(html.contains(u"one<br/>two<br/>three"_s), qPrintable(html));
}

void TestMarkdownRenderer::inlineCode() {
    const QString html = MarkdownRenderer().toHtml(u"run `a <b> && c` now"_s);
    const QString code = MarkdownStyle::light().codeBackground.name();
    QVERIFY2(html.contains(u"run <code style=\"background-color:%1\">a &lt;b&gt; &amp;&amp; c"
                           "</code> now"_s.arg(code)),
             qPrintable(html));
}

void TestMarkdownRenderer::fencedCodeBlock() {
    const QString html =
        MarkdownRenderer().toHtml(u"```cpp\nint main() {\n  <script>x</script>\n}\n```"_s);
    QVERIFY2(html.contains(u"<pre style=\"margin:0px\">int main() {\n  &lt;script&gt;x"
                           "&lt;/script&gt;\n}</pre>"_s),
             qPrintable(html));
    QVERIFY(html.startsWith(u"<table"_s));
    QVERIFY(!html.contains(u"<script"_s));
    QVERIFY(!html.contains(u"cpp"_s)); // the info string is not shown
}

void TestMarkdownRenderer::codeBlockColoursFollowTheStyle() {
    const MarkdownStyle dark = MarkdownStyle::dark();
    const QString html = MarkdownRenderer(dark).toHtml(u"```\nx\n```\n\n> quoted"_s);
    QVERIFY2(html.contains(u"bgcolor=\"%1\""_s.arg(dark.codeBackground.name())), qPrintable(html));
    QVERIFY2(html.contains(u"color:%1"_s.arg(dark.quoteText.name())), qPrintable(html));
    QVERIFY(dark.codeBackground != MarkdownStyle::light().codeBackground);
}

void TestMarkdownRenderer::lists() {
    const MarkdownRenderer renderer;
    const QString bullets = renderer.toHtml(u"- one\n- **two**\n  - nested"_s);
    QVERIFY2(bullets.contains(u"<li>one</li><li><b>two</b><ul"_s), qPrintable(bullets));
    QCOMPARE(countOf(bullets, "<ul"_L1), 2);
    QVERIFY(balanced(bullets, "ul") && balanced(bullets, "li"));
    const QString numbered = renderer.toHtml(u"3. three\n4. four"_s);
    QVERIFY2(numbered.contains(u"<ol start=\"3\""_s), qPrintable(numbered));
    QCOMPARE(countOf(numbered, "<li>"_L1), 2);
}

void TestMarkdownRenderer::blockQuote() {
    const QString html = MarkdownRenderer().toHtml(u"> said *this*\n\nreply"_s);
    QVERIFY2(html.startsWith(u"<blockquote style=\""_s), qPrintable(html));
    QVERIFY(html.contains(u"said <i>this</i></p></blockquote>"_s));
    QVERIFY(html.endsWith(u">reply</p>"_s));
}

void TestMarkdownRenderer::headingIsBold() {
    const QString html = MarkdownRenderer().toHtml(u"# Title"_s);
    QVERIFY2(html.contains(u"<b>Title</b></p>"_s), qPrintable(html));
    QVERIFY(!html.contains(u"<h1"_s));
}

void TestMarkdownRenderer::safeLinks_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("expected");
    QTest::newRow("inline") << u"[docs](https://example.com/a?b=1&c=2)"_s
                            << u"<a href=\"https://example.com/a?b=1&amp;c=2\">docs</a>"_s;
    QTest::newRow("http") << u"[x](http://example.com)"_s
                          << u"<a href=\"http://example.com\">x</a>"_s;
    QTest::newRow("mailto") << u"[mail me](mailto:bob@example.com)"_s
                            << u"<a href=\"mailto:bob@example.com\">mail me</a>"_s;
    QTest::newRow("autolink")
        << u"see https://example.org/path."_s
        << u"<a href=\"https://example.org/path\">https://example.org/path</a>."_s;
    QTest::newRow("angle autolink") << u"<https://example.org>"_s
                                    << u"<a href=\"https://example.org\">https://example.org</a>"_s;
    QTest::newRow("www") << u"www.example.com"_s
                         << u"<a href=\"http://www.example.com\">www.example.com</a>"_s;
    QTest::newRow("e-mail") << u"write to bob@example.com"_s
                            << u"<a href=\"mailto:bob@example.com\">bob@example.com</a>"_s;
    QTest::newRow("spaces encoded")
        << u"[x](<https://example.com/a b>)"_s << u"<a href=\"https://example.com/a%20b\">x</a>"_s;
    QTest::newRow("quote encoded")
        << u"[x](https://example.com/\"onmouseover=\"alert(1))"_s
        << u"<a href=\"https://example.com/%22onmouseover=%22alert(1)\">"_s;
    QTest::newRow("upper-case scheme")
        << u"[x](HTTPS://example.com)"_s << u"<a href=\"https://example.com\">x</a>"_s;
}

void TestMarkdownRenderer::safeLinks() {
    QFETCH(QString, markdown);
    QFETCH(QString, expected);
    const QString html = MarkdownRenderer().toHtml(markdown);
    QVERIFY2(html.contains(expected), qPrintable(html));
    QCOMPARE(countOf(html, "<a "_L1), 1);
}

void TestMarkdownRenderer::unsafeLinksStayText_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("text");
    QTest::newRow("javascript") << u"[click](javascript:alert(1))"_s << u"click"_s;
    QTest::newRow("mixed case") << u"[click](JaVaScRiPt:alert(1))"_s << u"click"_s;
    QTest::newRow("entity-encoded") << u"[click](&#106;avascript:alert(1))"_s << u"click"_s;
    QTest::newRow("hex entity") << u"[click](&#x6A;avascript&colon;alert(1))"_s << u"click"_s;
    QTest::newRow("unknown entity") << u"[click](http&bogus;//example.com)"_s << u"click"_s;
    QTest::newRow("vbscript") << u"[click](vbscript:msgbox(1))"_s << u"click"_s;
    QTest::newRow("data") << u"[click](data:text/html;base64,PHNjcmlwdD4=)"_s << u"click"_s;
    QTest::newRow("file") << u"[click](file:///etc/passwd)"_s << u"click"_s;
    QTest::newRow("relative") << u"[click](/etc/passwd)"_s << u"click"_s;
    QTest::newRow("protocol-relative") << u"[click](//evil.example)"_s << u"click"_s;
    QTest::newRow("no host") << u"[click](http:evil)"_s << u"click"_s;
    QTest::newRow("empty mailto") << u"[click](mailto:)"_s << u"click"_s;
    QTest::newRow("hearth scheme") << u"[click](hearth://join/x)"_s << u"click"_s;
    QTest::newRow("angle javascript") << u"<javascript:alert(1)>"_s << u"javascript:alert(1)"_s;
    QTest::newRow("reference") << u"[click][r]\n\n[r]: javascript:alert(1)"_s << u"click"_s;
}

void TestMarkdownRenderer::unsafeLinksStayText() {
    QFETCH(QString, markdown);
    QFETCH(QString, text);
    const QString html = MarkdownRenderer().toHtml(markdown);
    QVERIFY2(!html.contains(u"<a"_s), qPrintable(html));
    QVERIFY2(!html.contains(u"href"_s), qPrintable(html));
    QVERIFY2(html.contains(text), qPrintable(html));
}

void TestMarkdownRenderer::rawHtmlIsText_data() {
    QTest::addColumn<QString>("markdown");
    QTest::newRow("script") << u"<script>alert(1)</script>"_s;
    QTest::newRow("script block") << u"<script>\nalert(1)\n</script>\n"_s;
    QTest::newRow("img") << u"look <img src=http://evil.example/x.png>"_s;
    QTest::newRow("img block") << u"<img src=\"http://evil.example/x.png\" onerror=\"x()\">"_s;
    QTest::newRow("anchor") << u"<a href=\"javascript:alert(1)\">x</a>"_s;
    QTest::newRow("style") << u"<style>p{display:none}</style>"_s;
    QTest::newRow("comment") << u"<!-- hidden -->"_s;
    QTest::newRow("iframe") << u"<iframe src=https://evil.example></iframe>"_s;
    QTest::newRow("in emphasis") << u"**<b onmouseover=x>bold</b>**"_s;
    QTest::newRow("in link text") << u"[<img src=x>](https://example.com)"_s;
    QTest::newRow("in list") << u"- <table><tr><td>x</td></tr></table>"_s;
}

void TestMarkdownRenderer::rawHtmlIsText() {
    QFETCH(QString, markdown);
    const QString html = MarkdownRenderer().toHtml(markdown);
    for (const auto *tag : {"<script", "<img", "<style", "<iframe", "<!--", "<a href=\"java"})
        QVERIFY2(!html.contains(QLatin1StringView(tag), Qt::CaseInsensitive), qPrintable(html));
    QVERIFY2(html.contains(u"&lt;"_s), qPrintable(html));
    // What the member typed is what Qt shows: the tags as text.
    const Parsed parsed = parseAsQtDoes(html);
    QVERIFY2(parsed.plainText.contains(u'<'), qPrintable(parsed.plainText));
    QVERIFY(parsed.images.isEmpty());
}

void TestMarkdownRenderer::imagesAreNeverImages_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("expected");
    QTest::newRow("remote image") << u"![a cat](http://evil.example/cat.png)"_s
                                  << u"<a href=\"http://evil.example/cat.png\">a cat</a>"_s;
    QTest::newRow("no alt")
        << u"![](https://evil.example/cat.png)"_s
        << u"<a href=\"https://evil.example/cat.png\">https://evil.example/cat.png</a>"_s;
    QTest::newRow("unsafe source") << u"![a cat](javascript:alert(1))"_s << u">a cat</p>"_s;
    QTest::newRow("unsafe, no alt") << u"![](data:image/png;base64,AAAA)"_s << u">image</p>"_s;
    QTest::newRow("emphasis in alt")
        << u"![a *fat* cat](http://e.example/c.png)"_s << u">a fat cat</a>"_s;
    QTest::newRow("inside a link") << u"[![a cat](http://e.example/c.png)](https://example.com)"_s
                                   << u"<a href=\"https://example.com\">a cat</a>"_s;
    QTest::newRow("reference") << u"![cat][c]\n\n[c]: http://e.example/c.png"_s
                               << u"<a href=\"http://e.example/c.png\">cat</a>"_s;
}

void TestMarkdownRenderer::imagesAreNeverImages() {
    QFETCH(QString, markdown);
    QFETCH(QString, expected);
    const QString html = MarkdownRenderer().toHtml(markdown);
    QVERIFY2(html.contains(expected), qPrintable(html));
    QVERIFY2(!html.contains(u"<img"_s), qPrintable(html));
    QVERIFY(countOf(html, "<a "_L1) <= 1);
    QVERIFY(parseAsQtDoes(html).images.isEmpty());
}

void TestMarkdownRenderer::entities() {
    const MarkdownRenderer renderer;
    const QString html = renderer.toHtml(u"&lt;script&gt; &amp; &copy; &#233; &#0; &hearts;"_s);
    QVERIFY2(html.contains(u"&lt;script&gt; &amp; \u00a9 \u00e9 \ufffd &amp;hearts;"_s),
             qPrintable(html));
    QVERIFY(!html.contains(u"<script"_s));
}

void TestMarkdownRenderer::nestedEmphasisIsBalanced() {
    const MarkdownRenderer renderer;
    for (const QString &markdown :
         {u"*a **b *c* b** a*"_s, u"**a *b ~~c~~ b* a**"_s, u"***a** b*"_s, u"*a **b* c**"_s,
          u"**unclosed *emphasis"_s, u"~~*~~*"_s, u"_*_*_*_*"_s}) {
        const QString html = renderer.toHtml(markdown);
        for (const char *tag : {"b", "i", "s", "p"})
            QVERIFY2(balanced(html, tag), qPrintable(markdown + u" -> "_s + html));
    }
    QVERIFY(renderer.toHtml(u"*a **b *c* b** a*"_s).contains(u"<i>a <b>b <i>c</i> b</b> a</i>"_s));
}

void TestMarkdownRenderer::deepNestingIsFlattened() {
    const MarkdownRenderer renderer;
    const QString quotes = renderer.toHtml(QString(1000, u'>') + u" deep"_s);
    QVERIFY(quotes.contains(u"deep"_s));
    QVERIFY(countOf(quotes, "<blockquote"_L1) <= 16);
    QVERIFY(balanced(quotes, "blockquote"));

    QString list;
    for (int depth = 0; depth < 200; ++depth)
        list += QString(depth * 2, u' ') + u"- level\n"_s;
    const QString lists = renderer.toHtml(list);
    QVERIFY(countOf(lists, "<ul"_L1) + countOf(lists, "<li>"_L1) <= 16);
    QVERIFY(balanced(lists, "ul") && balanced(lists, "li"));
    QCOMPARE(countOf(lists, "level"_L1), 200);

    const QString spans = renderer.toHtml(QString(500, u'*') + u"x"_s + QString(500, u'*'));
    QVERIFY(countOf(spans, "<b>"_L1) + countOf(spans, "<i>"_L1) <= 16);
    QVERIFY(balanced(spans, "b") && balanced(spans, "i"));
    QVERIFY(spans.contains(u"x"_s));
}

void TestMarkdownRenderer::hugeInputIsCut() {
    QString huge;
    for (int i = 0; huge.size() < 1'000'000; ++i)
        huge += u"*word%1* "_s.arg(i);
    const QString html = MarkdownRenderer().toHtml(huge);
    QVERIFY(html.contains(u"<i>word0</i>"_s));
    QVERIFY(!html.contains(u"word90000"_s));
    QVERIFY(html.contains(QChar(0x2026)));
    QVERIFY(html.size() < 4 * MarkdownRenderer::kMaxInputChars);
    QVERIFY(balanced(html, "i"));
    // A surrogate pair at the cut is not split.
    const QString emoji = QString(MarkdownRenderer::kMaxInputChars - 1, u'a') + u"\U0001F600"_s;
    const QString cut = MarkdownRenderer().toHtml(emoji + u"tail"_s);
    QVERIFY(!cut.contains(QChar(QChar::ReplacementCharacter)));
}

void TestMarkdownRenderer::pathologicalInputs_data() {
    QTest::addColumn<QString>("markdown");
    QTest::newRow("brackets") << QString(50'000, u'[');
    QTest::newRow("stars") << QString(50'000, u'*');
    QTest::newRow("backticks") << QString(50'000, u'`');
    QTest::newRow("link openers") << u"[a]("_s.repeated(10'000);
    QTest::newRow("emphasis runs") << u"*a _b "_s.repeated(10'000);
    QTest::newRow("nested brackets") << QString(20'000, u'[') + QString(20'000, u']');
    QTest::newRow("lt") << u"<a "_s.repeated(20'000);
    QTest::newRow("nul and controls") << QString::fromUtf16(u"a\0b\x01\x1b[31mred", 12);
    QTest::newRow("lone surrogate") << QString(QChar(0xD800)) + u"x"_s;
}

void TestMarkdownRenderer::pathologicalInputs() {
    QFETCH(QString, markdown);
    const QString html = MarkdownRenderer().toHtml(markdown);
    QVERIFY(!html.isEmpty());
    QVERIFY(!html.contains(u"<img"_s));
    for (const char *tag : {"b", "i", "a", "p", "code"})
        QVERIFY(balanced(html, tag));
    QVERIFY(!MarkdownRenderer().toPreview(markdown).contains(u'\n'));
}

void TestMarkdownRenderer::mentionsAreHighlighted_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<bool>("mentioned");
    QTest::newRow("plain") << u"hi @alice!"_s << true;
    QTest::newRow("start") << u"@alice look"_s << true;
    QTest::newRow("case") << u"hi @Alice"_s << true;
    QTest::newRow("end of sentence") << u"ask @alice."_s << true;
    QTest::newRow("in emphasis") << u"**@alice** please"_s << true;
    QTest::newRow("in a quote") << u"> @alice said"_s << true;
    QTest::newRow("longer name") << u"hi @alicette"_s << false;
    QTest::newRow("dotted name") << u"hi @alice.smith"_s << false;
    QTest::newRow("dashed name") << u"hi @alice-b"_s << false;
    QTest::newRow("e-mail") << u"mail bob@alice.example"_s << false;
    QTest::newRow("glued") << u"x@alice"_s << false;
    QTest::newRow("inline code") << u"`@alice`"_s << false;
    QTest::newRow("code block") << u"```\n@alice\n```"_s << false;
    QTest::newRow("other user") << u"hi @bob"_s << false;
    QTest::newRow("no at") << u"hi alice"_s << false;
}

void TestMarkdownRenderer::mentionsAreHighlighted() {
    QFETCH(QString, markdown);
    QFETCH(bool, mentioned);
    const MarkdownRenderer renderer(MarkdownStyle::light(), u"alice"_s);
    const QString html = renderer.toHtml(markdown);
    const QString highlight =
        u"background-color:%1"_s.arg(MarkdownStyle::light().mentionBackground.name());
    QCOMPARE(html.contains(highlight), mentioned);
    QCOMPARE(renderer.mentions(markdown), mentioned);
    if (mentioned)
        QVERIFY2(html.contains(QRegularExpression(u"font-weight:600\">@alice</span>"_s,
                                                  QRegularExpression::CaseInsensitiveOption)),
                 qPrintable(html));
    // Without a name nobody is mentioned.
    QVERIFY(!MarkdownRenderer().mentions(markdown));
    QVERIFY(!MarkdownRenderer().toHtml(markdown).contains(highlight));
}

void TestMarkdownRenderer::preview_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("preview");
    QTest::newRow("emphasis") << u"**Hello** _there_ ~~you~~"_s << u"Hello there you"_s;
    QTest::newRow("paragraphs") << u"one\n\ntwo\nthree"_s << u"one two three"_s;
    QTest::newRow("list") << u"- one\n- two"_s << u"one two"_s;
    QTest::newRow("link") << u"[the docs](https://example.com)"_s << u"the docs"_s;
    QTest::newRow("autolink") << u"https://example.com"_s << u"https://example.com"_s;
    QTest::newRow("image") << u"![a cat](http://e.example/c.png)"_s << u"a cat"_s;
    QTest::newRow("code") << u"run `make`:\n```\nmake -j2\n  all\n```"_s
                          << u"run make: make -j2 all"_s;
    QTest::newRow("quote") << u"> quoted\n\nanswer"_s << u"quoted answer"_s;
    QTest::newRow("heading") << u"# Title\nbody"_s << u"Title body"_s;
    QTest::newRow("raw html stays as typed") << u"<b>x</b>"_s << u"<b>x</b>"_s;
    QTest::newRow("entity") << u"a &amp; b"_s << u"a & b"_s;
    QTest::newRow("empty") << u""_s << u""_s;
    QTest::newRow("white space") << u"  \n\n \t"_s << u""_s;
}

void TestMarkdownRenderer::preview() {
    QFETCH(QString, markdown);
    QFETCH(QString, preview);
    QCOMPARE(MarkdownRenderer().toPreview(markdown), preview);
}

void TestMarkdownRenderer::emojiUseTheColourFont() {
    const MarkdownRenderer renderer;
    const QString html = renderer.toHtml(u"bbq 😂👍🏽 & <cake> 🎂 done"_s);
    // One span per run of emoji (a skin-tone modifier stays with its emoji), text escaped.
    QCOMPARE(html.count(u"font-family:'Noto Color Emoji'"_s), 2);
    QVERIFY(html.contains(u"'Noto Color Emoji'\">😂👍🏽</span>"_s));
    QVERIFY(html.contains(u"'Noto Color Emoji'\">🎂</span>"_s));
    QVERIFY(html.contains(u"&amp; &lt;cake&gt;"_s));
    // No emoji, no span.
    QVERIFY(!renderer.toHtml(u"plain words"_s).contains(u"Noto"_s));
}

void TestMarkdownRenderer::previewIsCut() {
    const MarkdownRenderer renderer;
    const QString text = u"word "_s.repeated(100);
    const QString preview = renderer.toPreview(text, 20);
    QCOMPARE(preview.size(), 20);
    QVERIFY(preview.endsWith(QChar(0x2026)));
    QCOMPARE(renderer.toPreview(text, 0), QString());
    QCOMPARE(renderer.toPreview(u"short"_s, 5), u"short"_s);
    const QString huge = renderer.toPreview(QString(2'000'000, u'x'));
    QCOMPARE(huge.size(), MarkdownRenderer::kDefaultPreviewLength);
}

void TestMarkdownRenderer::qtSeesOnlySafeContent() {
    const QString hostile =
        u"# Hi\n\n<img src=http://evil.example/x.png> ![x](http://evil.example/y.png)\n\n"
        "[a](javascript:alert(1)) [b](https://ok.example) <script>alert(1)</script>\n\n"
        "- ![](http://evil.example/z.png)\n- <a href=javascript:x>c</a>\n\n"
        "> [d](data:text/html,x) www.ok.example bob@ok.example\n\n```\n<img src=x>\n```"_s;
    const Parsed parsed = parseAsQtDoes(MarkdownRenderer().toHtml(hostile));
    QVERIFY2(parsed.images.isEmpty(), qPrintable(parsed.images.join(u' ')));
    QVERIFY(!parsed.hrefs.isEmpty());
    for (const QString &href : parsed.hrefs) {
        QVERIFY2(href.startsWith(u"https://"_s) || href.startsWith(u"http://"_s) ||
                     href.startsWith(u"mailto:"_s),
                 qPrintable(href));
    }
    QVERIFY(parsed.plainText.contains(u"<img src=http://evil.example/x.png>"_s));
    QVERIFY(parsed.plainText.contains(u"<script>alert(1)</script>"_s));
}

int main(int argc, char **argv) {
    // why a GUI application: QTextDocument (what Text.RichText uses) needs fonts.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestMarkdownRenderer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_markdown_renderer.moc"
