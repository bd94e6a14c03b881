/// Markdown exercising every construct of CommonMark that gen serialises itself: the
/// renderer must write each as libcmark does.
enum MarkdownSamples {
  static let plain: [String] = [
    "Plain text & <tags> \"quoted\" 'single' / slash\n",
    "*em* **strong** ***both*** _under_ __double__\n",
    "`code & <span>` and ``double `tick` code``\n",
    "Line one\nline two  \nhard break\\\nand backslash break\n",
    "[link](https://example.org/a?b=1&c=2 \"Title & more\") <https://auto.link/x> <mail@example.org>\n",
    "[spaces](<a b/ü ~x> 'title') [ref][r]\n\n[r]: /url%20x 'Ref \"title\"'\n",
    "![alt *em* `code` [link](x)](img.png \"t\") ![](empty.png)\n",
    "> quote\n> > nested\n>\n> - list in quote\n",
    "- a\n- b\n\n- loose\n\n1. one\n2. two\n\n7) seven\n8) eight\n",
    "- tight\n  - nested\n    1. deep\n- item\n\n  second paragraph\n",
    "---\n***\n___\n",
    "```python extra words\nprint(\"x < y\")\n```\n\n~~~\nno info\n~~~\n\n    indented\n    code\n",
    "<div class=\"raw\">\n*not em*\n</div>\n\nInline <b>bold</b> and <!-- comment -->.\n",
    "Entities: &copy; &amp; &#35; &#x22; &nbsp;\n",
    "Smart \"quotes\" and 'apostrophes' -- en --- em... ellipsis\n",
    "URL chars [x](/a~b|c^d`e[f]g{h}i\\\\j) [y](http://h/é?q='1')\n",
    "Tabs\tand\u{0}null and unicode ✓ 中文\n",
    "* * *\n\nparagraph after a break\n",
    "1. a\n\n   ```\n   code in list\n   ```\n2. b\n",
    "Empty link [](x) and [text]() and image ![a]()\n",
  ]
}
