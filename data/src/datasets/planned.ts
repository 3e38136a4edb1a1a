import type { DatasetDefinition } from '@kbs/core';
import { CC_BY_4, KBS_CONTACT, KBS_OFFICE, column } from './common';

/** The planning datasets analysts digitise from the map: points, lines, polygons (internal until published). */
function planned(id: string, geometryType: 'Point' | 'MultiLineString' | 'MultiPolygon', titleTr: string, titleEn: string, what: { tr: string; en: string }): DatasetDefinition {
  return {
    id,
    table: id,
    titleTr,
    titleEn,
    descriptionTr: `Harita üzerinde çizilerek oluşturulan ${what.tr}: her değişiklik kimin yaptığıyla birlikte yeni bir sürüm olarak saklanır.`,
    descriptionEn: `${what.en} drawn on the map: every change is kept as a new version, with who made it.`,
    theme: 'REGI',
    keywords: ['planlama', 'sayısallaştırma', 'planning', 'digitising'],
    licence: CC_BY_4,
    publisher: KBS_OFFICE,
    contactEmail: KBS_CONTACT,
    updateFrequency: 'CONT',
    idColumn: 'id',
    geometryType,
    columns: [
      column('id', 'text', 'No', 'Id', 'internal'),
      column('name', 'text', 'Adı', 'Name', 'internal'),
      column('category', 'text', 'Kategori', 'Category', 'internal'),
      column('status', 'text', 'Durum', 'Status', 'internal', { descriptionTr: 'öneri, onaylandı, yapımda, tamamlandı', descriptionEn: 'proposed, approved, under construction, done' }),
      column('note', 'text', 'Not', 'Note', 'internal'),
      column('edited_by', 'text', 'Düzenleyen', 'Edited by', 'internal'),
      column('edited_at', 'timestamptz', 'Düzenleme zamanı', 'Edited at', 'internal'),
    ],
    published: false,
    access: 'internal',
    synthetic: false,
    keepVersions: 20,
    editable: true,
  };
}

export const plannedFacilities = planned('planned_facilities', 'Point', 'Planlanan tesisler', 'Planned facilities', { tr: 'planlanan tesis konumları', en: 'Planned facility locations' });
export const plannedRoutes = planned('planned_routes', 'MultiLineString', 'Planlanan güzergâhlar', 'Planned routes', { tr: 'planlanan yol, bisiklet ve yürüyüş güzergâhları', en: 'Planned road, cycle and walking routes' });
export const plannedAreas = planned('planned_areas', 'MultiPolygon', 'Planlanan alanlar', 'Planned areas', { tr: 'planlanan yeşil alan, meydan ve proje alanları', en: 'Planned green spaces, squares and project areas' });
