"""HSDS taxonomy, taxonomy_term, attribute (taxonomy links) and metadata (change history)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.database import Base

from ._columns import UTCDateTime, foreign_id, id_column


class Taxonomy(Base):
    """A vocabulary of terms (HSDS ``taxonomy``)."""

    __tablename__ = "dir_taxonomy"

    id: Mapped[str] = id_column()
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    uri: Mapped[str | None] = mapped_column(String(512))
    version: Mapped[str | None] = mapped_column(String(64))

    terms: Mapped[list[TaxonomyTerm]] = relationship(
        back_populates="taxonomy_detail", cascade="all, delete-orphan"
    )


class TaxonomyTerm(Base):
    """A category, e.g. "Peer recovery housing" (HSDS ``taxonomy_term``)."""

    __tablename__ = "dir_taxonomy_term"

    id: Mapped[str] = id_column()
    code: Mapped[str | None] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("dir_taxonomy_term.id", ondelete="SET NULL"), index=True
    )
    taxonomy: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(16))
    taxonomy_id: Mapped[str | None] = foreign_id("dir_taxonomy")
    term_uri: Mapped[str | None] = mapped_column(String(512))

    taxonomy_detail: Mapped[Taxonomy | None] = relationship(back_populates="terms")
    parent: Mapped[TaxonomyTerm | None] = relationship(
        remote_side="TaxonomyTerm.id", back_populates="children"
    )
    children: Mapped[list[TaxonomyTerm]] = relationship(
        back_populates="parent", order_by="TaxonomyTerm.name"
    )


class Attribute(Base):
    """Links any HSDS object to a taxonomy term (HSDS ``attribute``)."""

    __tablename__ = "dir_attribute"
    __table_args__ = (Index("ix_dir_attribute_link", "link_entity", "link_id"),)

    id: Mapped[str] = id_column()
    link_id: Mapped[str] = mapped_column(String(36))
    taxonomy_term_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("dir_taxonomy_term.id", ondelete="CASCADE"), index=True
    )
    link_type: Mapped[str | None] = mapped_column(String(64))
    link_entity: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)

    taxonomy_term: Mapped[TaxonomyTerm] = relationship()


class MetadataRecord(Base):
    """One change to one field of one record (HSDS ``metadata``): the catalog's history."""

    __tablename__ = "dir_metadata"
    __table_args__ = (Index("ix_dir_metadata_resource", "resource_type", "resource_id"),)

    id: Mapped[str] = id_column()
    resource_id: Mapped[str] = mapped_column(String(36))
    resource_type: Mapped[str] = mapped_column(String(64))
    last_action_date: Mapped[datetime] = mapped_column(UTCDateTime())
    last_action_type: Mapped[str] = mapped_column(String(32))
    field_name: Mapped[str] = mapped_column(String(64))
    previous_value: Mapped[str] = mapped_column(Text, default="")
    replacement_value: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(255))
