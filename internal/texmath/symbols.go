package texmath

// This file holds the lookup tables that map TeX control words to Unicode
// characters. They were written by hand from the Unicode code charts; the
// class of each entry decides which MathML element it becomes (see
// render.go) and how much space the browser puts around it.

// symClass is the TeX atom class of a symbol, reduced to what MathML needs.
type symClass uint8

const (
	clsOrd     symClass = iota // ordinary symbol: <mi>
	clsUpright                 // ordinary that TeX sets upright (capital Greek): <mi mathvariant="normal">
	clsBin                     // binary operator: <mo>
	clsRel                     // relation or arrow: <mo>
	clsOpen                    // opening fence: <mo stretchy="false">
	clsClose                   // closing fence: <mo stretchy="false">
	clsPunct                   // punctuation: <mo>
	clsBigOp                   // big operator that takes limits in display style: <mo>
	clsIntOp                   // integral-like big operator, scripts stay at the side: <mo>
	clsInner                   // dots and similar: <mo>
)

type symbol struct {
	char string
	cls  symClass
}

// symbols maps control words (without the backslash) to characters.
var symbols = map[string]symbol{
	// Lowercase Greek (TeX sets them italic, which is also the default
	// rendering of a single-character <mi>).
	"alpha": {"α", clsOrd}, "beta": {"β", clsOrd}, "gamma": {"γ", clsOrd},
	"delta": {"δ", clsOrd}, "epsilon": {"ϵ", clsOrd}, "varepsilon": {"ε", clsOrd},
	"zeta": {"ζ", clsOrd}, "eta": {"η", clsOrd}, "theta": {"θ", clsOrd},
	"vartheta": {"ϑ", clsOrd}, "iota": {"ι", clsOrd}, "kappa": {"κ", clsOrd},
	"varkappa": {"ϰ", clsOrd}, "lambda": {"λ", clsOrd}, "mu": {"μ", clsOrd},
	"nu": {"ν", clsOrd}, "xi": {"ξ", clsOrd}, "omicron": {"ο", clsOrd},
	"pi": {"π", clsOrd}, "varpi": {"ϖ", clsOrd}, "rho": {"ρ", clsOrd},
	"varrho": {"ϱ", clsOrd}, "sigma": {"σ", clsOrd}, "varsigma": {"ς", clsOrd},
	"tau": {"τ", clsOrd}, "upsilon": {"υ", clsOrd}, "phi": {"ϕ", clsOrd},
	"varphi": {"φ", clsOrd}, "chi": {"χ", clsOrd}, "psi": {"ψ", clsOrd},
	"omega": {"ω", clsOrd}, "digamma": {"ϝ", clsOrd},

	// Uppercase Greek is upright in TeX; the var forms are italic.
	"Alpha": {"Α", clsUpright}, "Beta": {"Β", clsUpright}, "Gamma": {"Γ", clsUpright},
	"Delta": {"Δ", clsUpright}, "Epsilon": {"Ε", clsUpright}, "Zeta": {"Ζ", clsUpright},
	"Eta": {"Η", clsUpright}, "Theta": {"Θ", clsUpright}, "Iota": {"Ι", clsUpright},
	"Kappa": {"Κ", clsUpright}, "Lambda": {"Λ", clsUpright}, "Mu": {"Μ", clsUpright},
	"Nu": {"Ν", clsUpright}, "Xi": {"Ξ", clsUpright}, "Omicron": {"Ο", clsUpright},
	"Pi": {"Π", clsUpright}, "Rho": {"Ρ", clsUpright}, "Sigma": {"Σ", clsUpright},
	"Tau": {"Τ", clsUpright}, "Upsilon": {"Υ", clsUpright}, "Phi": {"Φ", clsUpright},
	"Chi": {"Χ", clsUpright}, "Psi": {"Ψ", clsUpright}, "Omega": {"Ω", clsUpright},
	"varGamma": {"Γ", clsOrd}, "varDelta": {"Δ", clsOrd}, "varTheta": {"Θ", clsOrd},
	"varLambda": {"Λ", clsOrd}, "varXi": {"Ξ", clsOrd}, "varPi": {"Π", clsOrd},
	"varSigma": {"Σ", clsOrd}, "varUpsilon": {"Υ", clsOrd}, "varPhi": {"Φ", clsOrd},
	"varPsi": {"Ψ", clsOrd}, "varOmega": {"Ω", clsOrd},

	// Hebrew and letter-like symbols.
	"aleph": {"ℵ", clsUpright}, "beth": {"ℶ", clsUpright}, "gimel": {"ℷ", clsUpright},
	"daleth": {"ℸ", clsUpright}, "hbar": {"ℏ", clsOrd}, "hslash": {"ℏ", clsOrd},
	"ell": {"ℓ", clsOrd}, "wp": {"℘", clsOrd}, "Re": {"ℜ", clsUpright},
	"Im": {"ℑ", clsUpright}, "imath": {"ı", clsOrd}, "jmath": {"ȷ", clsOrd},
	"mho": {"℧", clsUpright}, "eth": {"ð", clsOrd}, "Finv": {"Ⅎ", clsUpright},
	"Game": {"⅁", clsUpright}, "partial": {"∂", clsUpright}, "nabla": {"∇", clsUpright},
	"infty": {"∞", clsUpright}, "complement": {"∁", clsUpright},

	// Miscellaneous ordinary symbols.
	"forall": {"∀", clsUpright}, "exists": {"∃", clsUpright}, "nexists": {"∄", clsUpright},
	"neg": {"¬", clsUpright}, "lnot": {"¬", clsUpright}, "emptyset": {"∅", clsUpright},
	"varnothing": {"∅", clsUpright}, "angle": {"∠", clsUpright}, "measuredangle": {"∡", clsUpright},
	"sphericalangle": {"∢", clsUpright}, "triangle": {"△", clsUpright},
	"vartriangle": {"△", clsUpright}, "triangledown": {"▿", clsUpright},
	"square": {"□", clsUpright}, "Box": {"□", clsUpright}, "blacksquare": {"■", clsUpright},
	"Diamond": {"◊", clsUpright}, "lozenge": {"◊", clsUpright}, "blacklozenge": {"⧫", clsUpright},
	"bigstar": {"★", clsUpright}, "blacktriangle": {"▴", clsUpright},
	"blacktriangledown": {"▾", clsUpright}, "top": {"⊤", clsUpright}, "bot": {"⊥", clsUpright},
	"prime": {"′", clsUpright}, "backprime": {"‵", clsUpright}, "surd": {"√", clsUpright},
	"flat": {"♭", clsUpright}, "natural": {"♮", clsUpright}, "sharp": {"♯", clsUpright},
	"clubsuit": {"♣", clsUpright}, "diamondsuit": {"♢", clsUpright},
	"heartsuit": {"♡", clsUpright}, "spadesuit": {"♠", clsUpright},
	"checkmark": {"✓", clsUpright}, "maltese": {"✠", clsUpright},
	"S": {"§", clsUpright}, "P": {"¶", clsUpright}, "copyright": {"©", clsUpright},
	"circledR": {"®", clsUpright}, "circledS": {"Ⓢ", clsUpright}, "pounds": {"£", clsUpright},
	"yen": {"¥", clsUpright}, "euro": {"€", clsUpright}, "degree": {"°", clsUpright},
	"dag": {"†", clsUpright}, "ddag": {"‡", clsUpright}, "diagup": {"╱", clsUpright},
	"diagdown": {"╲", clsUpright}, "varclubsuit": {"♧", clsUpright},
	"#": {"#", clsUpright}, "$": {"$", clsUpright}, "%": {"%", clsUpright},
	"&": {"&", clsUpright}, "_": {"_", clsUpright},

	// Binary operators.
	"pm": {"±", clsBin}, "mp": {"∓", clsBin}, "times": {"×", clsBin}, "div": {"÷", clsBin},
	"cdot": {"⋅", clsBin}, "cdotp": {"⋅", clsBin}, "centerdot": {"⋅", clsBin},
	"ast": {"∗", clsBin}, "star": {"⋆", clsBin}, "circ": {"∘", clsBin},
	"bullet": {"∙", clsBin}, "oplus": {"⊕", clsBin}, "ominus": {"⊖", clsBin},
	"otimes": {"⊗", clsBin}, "oslash": {"⊘", clsBin}, "odot": {"⊙", clsBin},
	"circledcirc": {"⊚", clsBin}, "circledast": {"⊛", clsBin}, "circleddash": {"⊝", clsBin},
	"cup": {"∪", clsBin}, "cap": {"∩", clsBin}, "sqcup": {"⊔", clsBin}, "sqcap": {"⊓", clsBin},
	"uplus": {"⊎", clsBin}, "vee": {"∨", clsBin}, "lor": {"∨", clsBin},
	"wedge": {"∧", clsBin}, "land": {"∧", clsBin}, "setminus": {"∖", clsBin},
	"smallsetminus": {"∖", clsBin}, "wr": {"≀", clsBin}, "diamond": {"⋄", clsBin},
	"bigtriangleup": {"△", clsBin}, "bigtriangledown": {"▽", clsBin},
	"triangleleft": {"◃", clsBin}, "triangleright": {"▹", clsBin},
	"lhd": {"⊲", clsBin}, "rhd": {"⊳", clsBin}, "unlhd": {"⊴", clsBin}, "unrhd": {"⊵", clsBin},
	"amalg": {"⨿", clsBin}, "dagger": {"†", clsBin}, "ddagger": {"‡", clsBin},
	"bigcirc": {"◯", clsBin}, "boxplus": {"⊞", clsBin}, "boxminus": {"⊟", clsBin},
	"boxtimes": {"⊠", clsBin}, "boxdot": {"⊡", clsBin}, "divideontimes": {"⋇", clsBin},
	"ltimes": {"⋉", clsBin}, "rtimes": {"⋊", clsBin}, "leftthreetimes": {"⋋", clsBin},
	"rightthreetimes": {"⋌", clsBin}, "dotplus": {"∔", clsBin}, "intercal": {"⊺", clsBin},
	"barwedge": {"⌅", clsBin}, "veebar": {"⊻", clsBin}, "curlywedge": {"⋏", clsBin},
	"curlyvee": {"⋎", clsBin}, "doublebarwedge": {"⩞", clsBin}, "Cup": {"⋓", clsBin},
	"Cap": {"⋒", clsBin},

	// Relations.
	"le": {"≤", clsRel}, "leq": {"≤", clsRel}, "ge": {"≥", clsRel}, "geq": {"≥", clsRel},
	"leqq": {"≦", clsRel}, "geqq": {"≧", clsRel}, "leqslant": {"⩽", clsRel},
	"geqslant": {"⩾", clsRel}, "ll": {"≪", clsRel}, "gg": {"≫", clsRel},
	"lll": {"⋘", clsRel}, "ggg": {"⋙", clsRel}, "ne": {"≠", clsRel}, "neq": {"≠", clsRel},
	"equiv": {"≡", clsRel}, "approx": {"≈", clsRel}, "approxeq": {"≊", clsRel},
	"cong": {"≅", clsRel}, "ncong": {"≇", clsRel}, "sim": {"∼", clsRel}, "nsim": {"≁", clsRel},
	"simeq": {"≃", clsRel}, "backsim": {"∽", clsRel}, "propto": {"∝", clsRel},
	"varpropto": {"∝", clsRel}, "doteq": {"≐", clsRel}, "doteqdot": {"≑", clsRel},
	"Doteq": {"≑", clsRel}, "triangleq": {"≜", clsRel}, "coloneqq": {"≔", clsRel},
	"coloneq": {"≔", clsRel}, "eqqcolon": {"≕", clsRel}, "eqcolon": {"≕", clsRel},
	"Coloneqq": {"⩴", clsRel}, "in": {"∈", clsRel}, "ni": {"∋", clsRel}, "owns": {"∋", clsRel},
	"notin": {"∉", clsRel}, "notni": {"∌", clsRel}, "subset": {"⊂", clsRel},
	"supset": {"⊃", clsRel}, "subseteq": {"⊆", clsRel}, "supseteq": {"⊇", clsRel},
	"subsetneq": {"⊊", clsRel}, "supsetneq": {"⊋", clsRel}, "varsubsetneq": {"⊊", clsRel},
	"varsupsetneq": {"⊋", clsRel}, "nsubseteq": {"⊈", clsRel}, "nsupseteq": {"⊉", clsRel},
	"subseteqq": {"⫅", clsRel}, "supseteqq": {"⫆", clsRel}, "Subset": {"⋐", clsRel},
	"Supset": {"⋑", clsRel}, "sqsubset": {"⊏", clsRel}, "sqsupset": {"⊐", clsRel},
	"sqsubseteq": {"⊑", clsRel}, "sqsupseteq": {"⊒", clsRel}, "mid": {"∣", clsRel},
	"nmid": {"∤", clsRel}, "parallel": {"∥", clsRel}, "nparallel": {"∦", clsRel},
	"shortmid": {"∣", clsRel}, "shortparallel": {"∥", clsRel},
	"perp": {"⊥", clsRel}, "vdash": {"⊢", clsRel}, "dashv": {"⊣", clsRel},
	"vDash": {"⊨", clsRel}, "models": {"⊨", clsRel}, "Vdash": {"⊩", clsRel},
	"Vvdash": {"⊪", clsRel}, "nvdash": {"⊬", clsRel}, "nvDash": {"⊭", clsRel},
	"nVdash": {"⊮", clsRel}, "prec": {"≺", clsRel}, "succ": {"≻", clsRel},
	"preceq": {"⪯", clsRel}, "succeq": {"⪰", clsRel}, "preccurlyeq": {"≼", clsRel},
	"succcurlyeq": {"≽", clsRel}, "asymp": {"≍", clsRel}, "bowtie": {"⋈", clsRel},
	"Join": {"⋈", clsRel}, "smile": {"⌣", clsRel}, "frown": {"⌢", clsRel},
	"lessgtr": {"≶", clsRel}, "gtrless": {"≷", clsRel}, "lesssim": {"≲", clsRel},
	"gtrsim": {"≳", clsRel}, "lessapprox": {"⪅", clsRel}, "gtrapprox": {"⪆", clsRel},
	"nless": {"≮", clsRel}, "ngtr": {"≯", clsRel}, "nleq": {"≰", clsRel},
	"ngeq": {"≱", clsRel}, "lneq": {"⪇", clsRel},
	"gneq": {"⪈", clsRel}, "lneqq": {"≨", clsRel}, "gneqq": {"≩", clsRel},
	"eqslantless": {"⪕", clsRel}, "eqslantgtr": {"⪖", clsRel},
	"therefore": {"∴", clsRel}, "because": {"∵", clsRel}, "between": {"≬", clsRel},
	"pitchfork": {"⋔", clsRel}, "multimap": {"⊸", clsRel}, "vartriangleleft": {"⊲", clsRel},
	"vartriangleright": {"⊳", clsRel}, "trianglelefteq": {"⊴", clsRel},
	"trianglerighteq": {"⊵", clsRel}, "circeq": {"≗", clsRel}, "bumpeq": {"≏", clsRel},
	"Bumpeq": {"≎", clsRel}, "risingdotseq": {"≓", clsRel}, "fallingdotseq": {"≒", clsRel},
	"eqcirc": {"≖", clsRel}, "thicksim": {"∼", clsRel}, "thickapprox": {"≈", clsRel},

	// Arrows (relations in TeX).
	"to": {"→", clsRel}, "rightarrow": {"→", clsRel}, "gets": {"←", clsRel},
	"leftarrow": {"←", clsRel}, "leftrightarrow": {"↔", clsRel},
	"Rightarrow": {"⇒", clsRel}, "Leftarrow": {"⇐", clsRel}, "Leftrightarrow": {"⇔", clsRel},
	"longrightarrow": {"⟶", clsRel}, "longleftarrow": {"⟵", clsRel},
	"longleftrightarrow": {"⟷", clsRel}, "Longrightarrow": {"⟹", clsRel},
	"Longleftarrow": {"⟸", clsRel}, "Longleftrightarrow": {"⟺", clsRel},
	"implies": {"⟹", clsRel}, "impliedby": {"⟸", clsRel}, "iff": {"⟺", clsRel},
	"mapsto": {"↦", clsRel}, "longmapsto": {"⟼", clsRel}, "mapsfrom": {"↤", clsRel},
	"hookrightarrow": {"↪", clsRel}, "hookleftarrow": {"↩", clsRel},
	"uparrow": {"↑", clsRel}, "downarrow": {"↓", clsRel}, "updownarrow": {"↕", clsRel},
	"Uparrow": {"⇑", clsRel}, "Downarrow": {"⇓", clsRel}, "Updownarrow": {"⇕", clsRel},
	"nearrow": {"↗", clsRel}, "searrow": {"↘", clsRel}, "swarrow": {"↙", clsRel},
	"nwarrow": {"↖", clsRel}, "rightharpoonup": {"⇀", clsRel},
	"rightharpoondown": {"⇁", clsRel}, "leftharpoonup": {"↼", clsRel},
	"leftharpoondown": {"↽", clsRel}, "upharpoonleft": {"↿", clsRel},
	"upharpoonright": {"↾", clsRel}, "downharpoonleft": {"⇃", clsRel},
	"downharpoonright": {"⇂", clsRel}, "rightleftharpoons": {"⇌", clsRel},
	"leftrightharpoons": {"⇋", clsRel}, "leadsto": {"⇝", clsRel},
	"rightsquigarrow": {"⇝", clsRel}, "leftrightsquigarrow": {"↭", clsRel},
	"twoheadrightarrow": {"↠", clsRel}, "twoheadleftarrow": {"↞", clsRel},
	"rightarrowtail": {"↣", clsRel}, "leftarrowtail": {"↢", clsRel},
	"nrightarrow": {"↛", clsRel}, "nleftarrow": {"↚", clsRel},
	"nleftrightarrow": {"↮", clsRel}, "nRightarrow": {"⇏", clsRel},
	"nLeftarrow": {"⇍", clsRel}, "nLeftrightarrow": {"⇎", clsRel},
	"circlearrowleft": {"↺", clsRel}, "circlearrowright": {"↻", clsRel},
	"curvearrowleft": {"↶", clsRel}, "curvearrowright": {"↷", clsRel},
	"looparrowleft": {"↫", clsRel}, "looparrowright": {"↬", clsRel},
	"dashrightarrow": {"⇢", clsRel}, "dashleftarrow": {"⇠", clsRel},
	"Lsh": {"↰", clsRel}, "Rsh": {"↱", clsRel}, "leftleftarrows": {"⇇", clsRel},
	"rightrightarrows": {"⇉", clsRel}, "leftrightarrows": {"⇆", clsRel},
	"rightleftarrows": {"⇄", clsRel}, "upuparrows": {"⇈", clsRel},
	"downdownarrows": {"⇊", clsRel}, "Lleftarrow": {"⇚", clsRel}, "Rrightarrow": {"⇛", clsRel},
	"longleftrightarrows": {"⟷", clsRel},

	// Fences; also usable after \left, \right and \big (see delimiters).
	"{": {"{", clsOpen}, "}": {"}", clsClose}, "lbrace": {"{", clsOpen}, "rbrace": {"}", clsClose},
	"lbrack": {"[", clsOpen}, "rbrack": {"]", clsClose}, "langle": {"⟨", clsOpen},
	"rangle": {"⟩", clsClose}, "lfloor": {"⌊", clsOpen}, "rfloor": {"⌋", clsClose},
	"lceil": {"⌈", clsOpen}, "rceil": {"⌉", clsClose}, "lvert": {"|", clsOpen},
	"rvert": {"|", clsClose}, "lVert": {"‖", clsOpen}, "rVert": {"‖", clsClose},
	"vert": {"|", clsOrd}, "Vert": {"‖", clsOrd}, "|": {"‖", clsOrd},
	"ulcorner": {"⌜", clsOpen}, "urcorner": {"⌝", clsClose}, "llcorner": {"⌞", clsOpen},
	"lrcorner": {"⌟", clsClose}, "lgroup": {"⟮", clsOpen}, "rgroup": {"⟯", clsClose},
	"lmoustache": {"⎰", clsOpen}, "rmoustache": {"⎱", clsClose},
	"llbracket": {"⟦", clsOpen}, "rrbracket": {"⟧", clsClose}, "backslash": {"\\", clsOrd},
	"lparen": {"(", clsOpen}, "rparen": {")", clsClose}, "lBrack": {"⟦", clsOpen},
	"rBrack": {"⟧", clsClose}, "lBrace": {"⦃", clsOpen}, "rBrace": {"⦄", clsClose},
	"lAngle": {"⟪", clsOpen}, "rAngle": {"⟫", clsClose}, "llangle": {"⟪", clsOpen},
	"rrangle": {"⟫", clsClose}, "lt": {"<", clsRel}, "gt": {">", clsRel},

	// Punctuation.
	"colon": {":", clsPunct}, "ldotp": {".", clsPunct},

	// Dots.
	"ldots": {"…", clsInner}, "dots": {"…", clsInner}, "dotso": {"…", clsInner},
	"dotsc": {"…", clsInner}, "mathellipsis": {"…", clsInner}, "cdots": {"⋯", clsInner},
	"dotsb": {"⋯", clsInner}, "dotsm": {"⋯", clsInner}, "dotsi": {"⋯", clsInner},
	"vdots": {"⋮", clsInner}, "ddots": {"⋱", clsInner}, "iddots": {"⋰", clsInner},
	"adots": {"⋰", clsInner},

	// Big operators. clsBigOp ones take limits above and below in display
	// style; integrals keep their scripts at the side as TeX does.
	"sum": {"∑", clsBigOp}, "prod": {"∏", clsBigOp}, "coprod": {"∐", clsBigOp},
	"bigcup": {"⋃", clsBigOp}, "bigcap": {"⋂", clsBigOp}, "bigvee": {"⋁", clsBigOp},
	"bigwedge": {"⋀", clsBigOp}, "bigoplus": {"⨁", clsBigOp}, "bigotimes": {"⨂", clsBigOp},
	"bigodot": {"⨀", clsBigOp}, "biguplus": {"⨄", clsBigOp}, "bigsqcup": {"⨆", clsBigOp},
	"intop": {"∫", clsBigOp},
	"int":   {"∫", clsIntOp}, "iint": {"∬", clsIntOp}, "iiint": {"∭", clsIntOp},
	"iiiint": {"⨌", clsIntOp}, "oint": {"∮", clsIntOp}, "oiint": {"∯", clsIntOp},
	"oiiint": {"∰", clsIntOp}, "smallint": {"∫", clsIntOp},
}

// funcNames are the upright operator names such as \sin. The bool says
// whether the name takes limits below it in display style (\lim, \max).
var funcNames = map[string]struct {
	text   string
	limits bool
}{
	"sin": {"sin", false}, "cos": {"cos", false}, "tan": {"tan", false},
	"cot": {"cot", false}, "sec": {"sec", false}, "csc": {"csc", false},
	"arcsin": {"arcsin", false}, "arccos": {"arccos", false}, "arctan": {"arctan", false},
	"arccot": {"arccot", false}, "arcsec": {"arcsec", false}, "arccsc": {"arccsc", false},
	"sinh": {"sinh", false}, "cosh": {"cosh", false}, "tanh": {"tanh", false},
	"coth": {"coth", false}, "sech": {"sech", false}, "csch": {"csch", false},
	"arsinh": {"arsinh", false}, "arcosh": {"arcosh", false}, "artanh": {"artanh", false},
	"tg": {"tg", false}, "ctg": {"ctg", false}, "cotg": {"cotg", false},
	"sh": {"sh", false}, "ch": {"ch", false}, "th": {"th", false}, "cth": {"cth", false},
	"arctg": {"arctg", false}, "arcctg": {"arcctg", false},
	"log": {"log", false}, "ln": {"ln", false}, "lg": {"lg", false}, "exp": {"exp", false},
	"deg": {"deg", false}, "dim": {"dim", false}, "ker": {"ker", false},
	"hom": {"hom", false}, "arg": {"arg", false}, "sgn": {"sgn", false},
	"det": {"det", true}, "gcd": {"gcd", true}, "lim": {"lim", true},
	"liminf": {"lim inf", true}, "limsup": {"lim sup", true}, "max": {"max", true},
	"min": {"min", true}, "sup": {"sup", true}, "inf": {"inf", true}, "Pr": {"Pr", true},
	"injlim": {"inj lim", true}, "projlim": {"proj lim", true},
	"argmax": {"arg max", true}, "argmin": {"arg min", true},
}

// accent describes \hat-like commands: the mark placed over (or under) the
// argument, and whether it should stretch to the argument's width.
type accent struct {
	char    string
	stretch bool
	under   bool
}

var accents = map[string]accent{
	"hat": {"^", false, false}, "widehat": {"^", true, false},
	"check": {"ˇ", false, false}, "widecheck": {"ˇ", true, false},
	"tilde": {"~", false, false}, "widetilde": {"~", true, false},
	"acute": {"´", false, false}, "grave": {"`", false, false},
	"dot": {"˙", false, false}, "ddot": {"¨", false, false}, "dddot": {"⃛", false, false},
	"breve": {"˘", false, false}, "bar": {"¯", false, false},
	"vec": {"→", false, false}, "mathring": {"˚", false, false},
	"overline": {"‾", true, false}, "underline": {"‾", true, true},
	"overrightarrow": {"→", true, false}, "overleftarrow": {"←", true, false},
	"overleftrightarrow": {"↔", true, false}, "underrightarrow": {"→", true, true},
	"underleftarrow": {"←", true, true}, "underleftrightarrow": {"↔", true, true},
	"overrightharpoon": {"⇀", true, false}, "overleftharpoon": {"↼", true, false},
	"Overrightarrow": {"⇒", true, false}, "underbar": {"‾", true, true},
	"utilde": {"~", true, true},
}

// delimiterChars maps control words that may follow \left, \right, \middle
// and \big to their characters. Plain characters are handled in
// parser.go.
var delimiterChars = map[string]string{
	"{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "lbrack": "[", "rbrack": "]",
	"langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈",
	"rceil": "⌉", "vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖", "|": "‖",
	"lVert": "‖", "rVert": "‖", "backslash": "\\", "uparrow": "↑", "downarrow": "↓",
	"updownarrow": "↕", "Uparrow": "⇑", "Downarrow": "⇓", "Updownarrow": "⇕",
	"ulcorner": "⌜", "urcorner": "⌝", "llcorner": "⌞", "lrcorner": "⌟",
	"lgroup": "⟮", "rgroup": "⟯", "lmoustache": "⎰", "rmoustache": "⎱",
	"llbracket": "⟦", "rrbracket": "⟧", "mid": "∣", "setminus": "∖",
	"lparen": "(", "rparen": ")", "lBrack": "⟦", "rBrack": "⟧", "lBrace": "⦃",
	"rBrace": "⦄", "lAngle": "⟪", "rAngle": "⟫", "llangle": "⟪", "rrangle": "⟫",
	"lt": "⟨", "gt": "⟩",
}

// negated gives the precomposed character for \not followed by a symbol;
// anything else gets U+0338 COMBINING LONG SOLIDUS OVERLAY appended.
var negated = map[string]string{
	"=": "≠", "<": "≮", ">": "≯", "∈": "∉", "∋": "∌", "∃": "∄", "⊂": "⊄", "⊃": "⊅",
	"⊆": "⊈", "⊇": "⊉", "≡": "≢", "∼": "≁", "≈": "≉", "≤": "≰", "≥": "≱",
	"∣": "∤", "∥": "∦", "≅": "≇", "≃": "≄", "⊢": "⊬", "⊨": "⊭", "≺": "⊀", "≻": "⊁",
	"→": "↛", "←": "↚", "↔": "↮", "⇒": "⇏", "⇐": "⇍", "⇔": "⇎", "⊑": "⋢", "⊒": "⋣",
	"≍": "≭", "≲": "≴", "≳": "≵", "≶": "≸", "≷": "≹", "≼": "⋠", "≽": "⋡",
	"⊲": "⋪", "⊳": "⋫", "⊴": "⋬", "⊵": "⋭", "⊩": "⊮", "⊫": "⊯",
}

// spaces maps spacing commands to widths in em (1mu = 1/18 em).
var spaces = map[string]string{
	",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em",
	"medspace": "0.2222em", ";": "0.2778em", "thickspace": "0.2778em",
	"!": "-0.1667em", "negthinspace": "-0.1667em", "negmedspace": "-0.2222em",
	"negthickspace": "-0.2778em", "quad": "1em", "qquad": "2em", "enspace": "0.5em",
	"enskip": "0.5em", "space": "0.3333em", " ": "0.3333em", "nobreakspace": "0.3333em",
}

// bigSizes are the heights for \big and friends.
var bigSizes = map[string]string{
	"big": "1.2em", "bigl": "1.2em", "bigr": "1.2em", "bigm": "1.2em",
	"Big": "1.623em", "Bigl": "1.623em", "Bigr": "1.623em", "Bigm": "1.623em",
	"bigg": "2.047em", "biggl": "2.047em", "biggr": "2.047em", "biggm": "2.047em",
	"Bigg": "2.470em", "Biggl": "2.470em", "Biggr": "2.470em", "Biggm": "2.470em",
}

// fontCommands maps math alphabet commands to the variant names used by
// mapVariant in alphabet.go.
var fontCommands = map[string]string{
	"mathbb": "double-struck", "Bbb": "double-struck", "mathcal": "script",
	"mathscr": "script", "mathfrak": "fraktur", "frak": "fraktur",
	"mathrm": "normal", "mathup": "normal", "mathbf": "bold", "mathit": "italic",
	"mathsf": "sans-serif", "mathtt": "monospace", "boldsymbol": "bold-italic",
	"bm": "bold-italic", "pmb": "bold-italic", "mathbfcal": "bold-script",
	"mathbfscr": "bold-script", "mathbffrak": "bold-fraktur", "mathnormal": "",
	"mathsfit": "sans-serif-italic", "mathbfit": "bold-italic", "mathbfsf": "sans-serif-bold",
}

// oldFontSwitches are the plain-TeX switches ({\bf x}) that change the
// alphabet for the rest of the group.
var oldFontSwitches = map[string]string{
	"rm": "normal", "bf": "bold", "it": "italic", "sf": "sans-serif",
	"tt": "monospace", "cal": "script", "mit": "",
}

// textCommands are the \text-like commands and the mathvariant of their text.
var textCommands = map[string]string{
	"text": "", "textrm": "", "textnormal": "", "textup": "", "mbox": "", "hbox": "",
	"textmd": "", "textbf": "bold", "textit": "italic", "emph": "italic",
	"textsl": "italic", "textsf": "sans-serif", "texttt": "monospace",
}
