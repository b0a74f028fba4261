# The gradlab language: mathjs-style expressions with implicit multiplication, and small
# programs. One nonterminal per precedence level, loosest first; postprocessors only call the
# AST builders in src/parse/build.ts. The token stream comes from src/parse/lexer.ts.

@preprocessor esmodule

@{%
import { lexer } from './lexer';
import * as b from './build';
%}

@lexer lexer

# The start symbol completes after every statement, since the program may end there: it keeps
# the statement list, and parse.ts builds the Program once, after the last token.
Program    -> Stmts                                         {% id %}

Stmts      -> null                                          {% b.none %}
            | StmtList                                      {% id %}
StmtList   -> Stmt                                          {% b.first %}
            | StmtList %sep Stmt                            {% b.append %}

Stmt       -> %ident "=" Expr                               {% b.assign %}
            | %ident "[" Expr "]" "=" Expr                  {% b.assignIndex %}
            | "while" Cond Block                            {% b.whileStmt %}
            | If                                            {% id %}
            | "for" %ident "=" Expr ":" Expr Block          {% b.forStmt %}
            | "return" Expr                                 {% b.returnStmt %}
            | Expr                                          {% b.exprStmt %}

# `else if` chains and `^` chains are read as flat lists, built into their nested trees by the
# postprocessor: a right-recursive rule whose every prefix is complete costs the Earley parser
# time quadratic in the chain's length.
If         -> Clauses                                       {% b.ifChain %}
            | Clauses "else" Block                          {% b.ifChainElse %}
Clauses    -> "if" Cond Block                               {% b.firstClause %}
            | Clauses "else" "if" Cond Block                {% b.appendClause %}

Block      -> "{" Stmts "}"                                 {% b.block %}

# Conditions: or < and < not < comparison.
Cond       -> Cond "or" Conj                                {% b.logical %}
            | Conj                                          {% id %}
Conj       -> Conj "and" Neg                                {% b.logical %}
            | Neg                                           {% id %}
Neg        -> "not" Neg                                     {% b.not %}
            | Compare                                       {% id %}
Compare    -> Expr CompareOp Expr                           {% b.compare %}
            | "(" Cond ")"                                  {% b.paren %}
CompareOp  -> "<" {% id %} | "<=" {% id %} | ">" {% id %} | ">=" {% id %} | "==" {% id %} | "!=" {% id %}

# Arithmetic: sum < product < unary minus < implicit product < power < postfix.
Expr       -> Sum                                           {% id %}
Sum        -> Sum "+" Product                               {% b.binary %}
            | Sum "-" Product                               {% b.binary %}
            | Product                                       {% id %}
Product    -> Product "*" Unary                             {% b.binary %}
            | Product "/" Unary                             {% b.binary %}
            | Unary                                         {% id %}
Unary      -> "-" Unary                                     {% b.unary %}
            | "+" Unary                                     {% b.unary %}
            | Implicit                                      {% id %}
# `2x`, `2 sin(x)`, `(a + b)(a - b)`, `x^2 y`: the right factor never starts with a number,
# a sign or a `[`, so `x 2`, `x -y` and `x [1]` keep their one meaning.
Implicit   -> Implicit PowerName                            {% b.implicit %}
            | Power                                         {% id %}
# `a^b^c` is a^(b^c) and `a^-b^c` is a^(-(b^c)): the signs before an exponent take the rest of
# the chain.
Power      -> Atom Raised                                   {% b.power %}
            | Atom                                          {% id %}
PowerName  -> Named Raised                                  {% b.power %}
            | Named                                         {% id %}
Raised     -> "^" Exponent                                  {% b.firstRaised %}
            | Raised "^" Exponent                           {% b.appendRaised %}
Exponent   -> "-" Exponent                                  {% b.signed %}
            | "+" Exponent                                  {% b.signed %}
            | Atom                                          {% b.unsigned %}
Atom       -> %number                                       {% b.number %}
            | %fraction                                     {% b.fraction %}
            | "[" Items "]"                                 {% b.vector %}
            | Named                                         {% id %}
Named      -> %ident                                        {% b.name %}
            | %ident "[" Expr "]"                           {% b.index %}
            | %func "(" Args ")"                            {% b.apply %}
            | "(" Expr ")"                                  {% b.paren %}

Args       -> Expr                                          {% b.first %}
            | Args "," Expr                                 {% b.appendComma %}
Items      -> null                                          {% b.none %}
            | Args                                          {% id %}
