# Topic: SQLAlchemy: declarative models, an engine, a session, relationships and queries that
# build SQL for you (SQLite in memory here; the same code runs on PostgreSQL or MySQL).
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, func, select
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class Author(Base):
    __tablename__ = "authors"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False)
    books = relationship("Book", back_populates="author", order_by="Book.title")


class Book(Base):
    __tablename__ = "books"
    id = Column(Integer, primary_key=True)
    title = Column(String(100))
    author_id = Column(ForeignKey("authors.id"))
    author = relationship("Author", back_populates="books")

    def __repr__(self):
        return f"Book({self.title!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    ada = Author(name="Ada", books=[Book(title="Notes"), Book(title="Engines")])
    alan = Author(name="Alan", books=[Book(title="Computing")])
    session.add_all([ada, alan])
    session.commit()

    print("Ada's books:", session.scalars(select(Author).where(Author.name == "Ada")).one().books)
    counts = session.execute(select(Author.name, func.count(Book.id)).join(Author.books)
                             .group_by(Author.name).order_by(Author.name)).all()
    print("books per author:", [tuple(row) for row in counts])
    book = session.scalars(select(Book).where(Book.title == "Computing")).one()
    print("relationship back:", book.author.name)

statement = select(Book.title).where(Book.author_id == 1)
print("SQL:", " ".join(str(statement).split()))
